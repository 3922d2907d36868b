using Microsoft.AspNetCore.Http.HttpResults;
using VideoTranslation.Server.Api.Documentation;
using VideoTranslation.Server.Problems;
using VideoTranslation.Server.Security;
using VideoTranslation.Server.Webhooks;

namespace VideoTranslation.Server.Api.Webhooks;

/// <summary>A tenant's own webhook signing secret: read it to verify callbacks, rotate it when it may have leaked.</summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints)
    {
        var webhooks = endpoints.MapGroup("/v1/webhooks").WithTags("Webhooks");
        webhooks.MapGet("/secret", GetSecretAsync).WithName("GetWebhookSecret").WithSummary("The secret the caller's webhooks are signed with.");
        webhooks.MapPost("/secret/rotate", RotateSecretAsync).WithName("RotateWebhookSecret")
            .WithSummary("A new signing secret; the previous one keeps signing too until previous_valid_until.")
            .ProducesProblems(409);
        return endpoints;
    }

    internal static async Task<Ok<WebhookSecretResource>> GetSecretAsync(HttpContext context, WebhookSecret secrets, CancellationToken cancellationToken) =>
        TypedResults.Ok(new WebhookSecretResource(await secrets.GetAsync(context.Tenant(), cancellationToken), null));

    internal static async Task<Results<Ok<WebhookSecretResource>, ProblemHttpResult>> RotateSecretAsync(
        HttpContext context, WebhookSecret secrets, CancellationToken cancellationToken)
    {
        try
        {
            var (secret, until) = await secrets.RotateAsync(context.Tenant(), cancellationToken);
            return TypedResults.Ok(new WebhookSecretResource(secret, until));
        }
        catch (InvalidOperationException ex)
        {
            return ApiProblems.Conflict(ex.Message);
        }
    }
}

/// <summary>A tenant's webhook secret (<c>whsec_…</c>), and after a rotation until when the previous one still signs.</summary>
public sealed record WebhookSecretResource(string Secret, DateTimeOffset? PreviousValidUntil);
