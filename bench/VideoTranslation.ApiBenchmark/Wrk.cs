using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace VideoTranslation.ApiBenchmark;

/// <summary>One wrk run's figures: requests per second, latency percentiles, and the answers that were not 2xx or 3xx.</summary>
internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long NotSuccessful, long SocketErrors);

/// <summary>
/// Runs wrk (Debian's package) against one URL: one thread, so that it takes one core and the server the other, the
/// same connections for every target. A Lua script sets the method and body, and spreads requests over many job ids.
/// </summary>
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri url, int connections, int seconds, string? script = null)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-t1", $"-c{connections}", $"-d{seconds}s", "--latency", .. script is null ? Array.Empty<string>() : ["-s", script], url.ToString()])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk).");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");
        }

        var errors = SocketErrors().Match(output);
        return new WrkResult(
            Number(RequestsPerSecond(), output),
            Milliseconds(Percentile("50", output)),
            Milliseconds(Percentile("99", output)),
            (long)Number(Requests(), output),
            NotSuccessful().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            errors.Success ? errors.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture)) : 0);
    }

    /// <summary>A Lua script that sends <paramref name="method"/> to <c>prefix + id</c> for each of <paramref name="ids"/> in turn.</summary>
    public static string Script(string method, string? pathPrefix, IReadOnlyList<string>? ids, string? jsonBody)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vts-wrk-{Guid.NewGuid():N}.lua");
        var lua = new System.Text.StringBuilder();
        lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.method = \"{method}\"");
        if (jsonBody is not null)
        {
            lua.AppendLine(CultureInfo.InvariantCulture, $"wrk.body = '{jsonBody}'").AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        }

        if (ids is { Count: > 0 })
        {
            lua.AppendLine("local ids = {" + string.Join(",", ids.Select(id => $"\"{id}\"")) + "}")
                .AppendLine("local n = 0")
                .AppendLine("request = function()")
                .AppendLine("  n = n % #ids + 1")
                .AppendLine(CultureInfo.InvariantCulture, $"  return wrk.format(nil, \"{pathPrefix}\" .. ids[n])")
                .AppendLine("end");
        }

        File.WriteAllText(path, lua.ToString());
        return path;
    }

    private static double Number(Regex pattern, string output) =>
        pattern.Match(output) is { Success: true } match ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"wrk printed no {pattern}:\n{output}");

    private static double Milliseconds((string Value, string Unit) latency) => latency.Unit switch
    {
        "us" => double.Parse(latency.Value, CultureInfo.InvariantCulture) / 1000,
        "ms" => double.Parse(latency.Value, CultureInfo.InvariantCulture),
        "s" => double.Parse(latency.Value, CultureInfo.InvariantCulture) * 1000,
        _ => double.NaN,
    };

    private static (string, string) Percentile(string percent, string output) =>
        Regex.Match(output, $@"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline) is { Success: true } match
            ? (match.Groups[1].Value, match.Groups[2].Value)
            : ("NaN", "");

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s*(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses: (\d+)")]
    private static partial Regex NotSuccessful();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
