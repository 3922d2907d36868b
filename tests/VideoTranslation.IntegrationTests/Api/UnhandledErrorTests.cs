using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>
/// A fault in the server (here one planted at a path of its own) answers a 500 problem that tells the client nothing of
/// it, and the log's error line names the same trace id the problem carries.
/// </summary>
public sealed class UnhandledErrorTests
{
    private const string FaultPath = "/test-only/fault";
    private const string Secret = "connection string: Host=db;Password=hunter2";

    [Fact]
    public async Task A_fault_is_a_500_problem_whose_trace_id_names_its_log_line()
    {
        var logs = new FakeLogCollector();
        await using var server = await TestServer.StartAsync(TestServer.Settings(), configure: builder =>
        {
            builder.Logging.AddProvider(new FakeLoggerProvider(logs));
            builder.Services.AddTransient<IStartupFilter, FaultAtPath>();
        });
        using var http = server.CreateHttpClient();

        using var response = await http.GetAsync(FaultPath);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("hunter2", body, StringComparison.Ordinal);
        var problem = JsonDocument.Parse(body).RootElement;
        var traceId = problem.GetProperty("traceId").GetString();
        Assert.False(string.IsNullOrEmpty(traceId));
        Assert.Contains(traceId, problem.GetProperty("detail").GetString(), StringComparison.Ordinal); // what to quote

        // At the default log level no Activity runs per request (it cost 5% of status reads): the id is the request's own.
        Assert.DoesNotMatch("^00-[0-9a-f]{32}-", traceId);

        var errors = logs.GetSnapshot().Where(record => record.Level >= LogLevel.Error).ToList();
        var line = Assert.Single(errors);
        Assert.Contains(traceId, line.Message, StringComparison.Ordinal);
        Assert.Contains($"GET {FaultPath}", line.Message, StringComparison.Ordinal);
        Assert.Equal(Secret, line.Exception?.Message);

        // A path that decodes to a line break stays on its one line, escaped as it came.
        logs.Clear();
        using var forged = await http.GetAsync(FaultPath + "/x%0D%0A12:00:00.000 fail: forged");
        Assert.Equal(HttpStatusCode.InternalServerError, forged.StatusCode);
        var forgedLine = Assert.Single(logs.GetSnapshot(), record => record.Level >= LogLevel.Error).Message;
        Assert.Contains($"GET {FaultPath}/x%0D%0A12:00:00.000", forgedLine, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', forgedLine);
        Assert.DoesNotContain('\r', forgedLine);

        // The server goes on answering.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("healthz")).StatusCode);
    }

    /// <summary>Adds, behind the server's pipeline, a path that throws: where no endpoint answered, as a bug would.</summary>
    private sealed class FaultAtPath : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((HttpContext context, RequestDelegate following) =>
                context.Request.Path.StartsWithSegments(FaultPath) ? throw new InvalidOperationException(Secret) : following(context));
        };
    }
}
