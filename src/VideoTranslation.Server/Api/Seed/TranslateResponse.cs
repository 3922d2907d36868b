namespace VideoTranslation.Server.Api.Seed;

/// <summary>Answer to <c>POST /translate</c>, exactly the seed's shape.</summary>
public sealed record TranslateResponse(string Message, string JobId)
{
    public static TranslateResponse Started(string jobId) => new("Translation started", jobId);
}
