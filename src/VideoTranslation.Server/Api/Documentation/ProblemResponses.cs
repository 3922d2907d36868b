namespace VideoTranslation.Server.Api.Documentation;

/// <summary>Declares the problem-details responses an endpoint gives, for the OpenAPI document.</summary>
internal static class ProblemResponses
{
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.ProducesProblem(status);
        }

        return builder;
    }
}
