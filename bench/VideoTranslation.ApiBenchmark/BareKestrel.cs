using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace VideoTranslation.ApiBenchmark;

/// <summary>
/// The baseline for reads: Kestrel with one minimal-API endpoint per job resource, each answering a record of the
/// same fields and about the same size as ours, from memory. Nothing else: no store, no middleware, no logging.
/// Runs in a process of its own (this benchmark started with <c>--bare PORT</c>), as the server does.
/// </summary>
internal static class BareKestrel
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var created = DateTime.UtcNow;
        app.MapGet("/healthz", () => "ok");
        app.MapGet("/job/{id}", (string id) => TypedResults.Ok(new SeedShaped(id, "pending", "en", "es", created, null)));
        app.MapGet("/v1/jobs/{id}", (string id) => TypedResults.Ok(new V1Shaped(
            id, "pending", "translating", 0.5, 3, "en", ["es"], null, null, created, created, null, 1, null,
            new Dictionary<string, IReadOnlyDictionary<string, string>> { ["es"] = new Dictionary<string, string>() },
            new Dictionary<string, string> { ["self"] = $"/v1/jobs/{id}", ["artifacts"] = $"/v1/jobs/{id}/artifacts", ["events"] = $"/v1/jobs/{id}/events", ["cancel"] = $"/v1/jobs/{id}/cancel" },
            4, null)));
        await app.RunAsync();
    }

    internal sealed record SeedShaped(string JobId, string Status, string SourceLanguage, string TargetLanguage, DateTime CreatedAt, string? ErrorMessage);

    internal sealed record V1Shaped(
        string Id, string Status, string Stage, double Progress, double? EtaSeconds, string SourceLanguage, IReadOnlyList<string> TargetLanguages,
        string? FileName, object? Options, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, int Attempts, object? Error,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Results, IReadOnlyDictionary<string, string> Links, long Version, object? Webhook);
}
