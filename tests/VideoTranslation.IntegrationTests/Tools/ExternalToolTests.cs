using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Tools;

/// <summary>The limits every external tool runs under, on real processes (coreutils stand in for a misbehaving ffmpeg).</summary>
public sealed class ExternalToolTests
{
    [Fact]
    public async Task A_tool_past_its_time_limit_is_killed_and_reported_as_timed_out()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() =>
            ExternalTool.RunAsync("sleep", ["60"], default, limits: new ToolLimits(TimeSpan.FromMilliseconds(500), 0)));

        Assert.True(error.TimedOut);
        Assert.False(error.IsMissing);
        Assert.Contains("ran past its limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tool_that_maps_more_memory_than_its_limit_fails_and_within_it_succeeds()
    {
        string[] allocate512MiB = ["if=/dev/zero", "of=/dev/null", "bs=512M", "count=1"];

        var error = await Assert.ThrowsAsync<ToolException>(() =>
            ExternalTool.RunAsync("dd", allocate512MiB, default, limits: new ToolLimits(TimeSpan.FromMinutes(1), 256L * 1024 * 1024)));
        var within = await ExternalTool.RunAsync("dd", allocate512MiB, default, limits: new ToolLimits(TimeSpan.FromMinutes(1), 2L * 1024 * 1024 * 1024));

        Assert.NotEqual(0, error.ExitCode);
        Assert.Contains("memory", error.StandardError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, within.ExitCode);
    }

    [Fact]
    public async Task A_missing_tool_is_reported_missing_not_failed()
    {
        var error = await Assert.ThrowsAsync<ToolException>(() => ExternalTool.RunAsync("no-such-tool-vts", [], default));

        Assert.True(error.IsMissing);
        Assert.Contains("not installed", error.Message, StringComparison.Ordinal);
    }
}
