namespace VideoTranslation.Server.Security;

/// <summary>
/// Endpoint metadata: the endpoint can hold its connection open (an event stream; a job read asked to long-poll), and
/// such requests count against <see cref="LimitOptions.MaxWaiters"/>. Decided from the matched endpoint, not from the
/// path's text, which a client spells as it likes (<c>/EVENTS</c>, <c>/events/</c>).
/// </summary>
public sealed class WaitingEndpoint(Func<HttpRequest, bool> holds)
{
    /// <summary>Every request holds its connection (event streams).</summary>
    public static WaitingEndpoint Always { get; } = new(_ => true);

    /// <summary>Whether this request will hold its connection open.</summary>
    public bool Holds(HttpRequest request) => holds(request);
}
