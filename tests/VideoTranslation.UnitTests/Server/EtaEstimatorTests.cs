using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoTranslation.Domain;
using VideoTranslation.Server.Engines;

namespace VideoTranslation.UnitTests.Server;

public class EtaEstimatorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void A_queued_job_is_estimated_from_stage_speeds_media_length_and_languages()
    {
        var speeds = new StageSpeeds();
        var eta = new EtaEstimator(speeds, Simulation(), new FakeTimeProvider(Now));

        var one = eta.SecondsLeft(Job(mediaSeconds: 100, languages: 1, JobState.Queued))!.Value;
        var two = eta.SecondsLeft(Job(mediaSeconds: 100, languages: 2, JobState.Queued))!.Value;

        Assert.Equal(speeds.ExpectedSeconds(100, 1), one, precision: 1);
        Assert.True(two > one, "per-language stages run once per language");
        Assert.Equal(2 * one, eta.SecondsLeft(Job(mediaSeconds: 200, languages: 1, JobState.Queued))!.Value, precision: 0);
    }

    [Fact]
    public void A_running_job_is_refined_by_its_own_progress()
    {
        var clock = new FakeTimeProvider(Now + TimeSpan.FromSeconds(30));
        var eta = new EtaEstimator(new StageSpeeds(), Simulation(), clock);

        // Half done after 30 s: its own pace says 30 s more, whatever the plan said.
        var left = eta.SecondsLeft(Job(mediaSeconds: 100, languages: 1, JobState.Running, progress: 0.5, started: Now))!.Value;
        var plan = Math.Max(0, new StageSpeeds().ExpectedSeconds(100, 1) - 30);

        Assert.Equal((0.5 * plan) + (0.5 * 30), left, precision: 1);
    }

    [Fact]
    public void Finished_jobs_have_no_estimate_and_simulated_ones_expect_the_mean_duration()
    {
        var eta = new EtaEstimator(new StageSpeeds(), Simulation(), new FakeTimeProvider(Now));

        Assert.Null(eta.SecondsLeft(Job(100, 1, JobState.Completed)));
        Assert.Null(eta.SecondsLeft(Job(100, 1, JobState.Queued) with { Video = null }));

        // 5-15 s at a time scale of 0.1: a queued job is expected to take 1 s.
        Assert.Equal(1, eta.SecondsLeft(Job(100, 1, JobState.Queued) with { Video = null, Kind = JobKind.Simulated }));
    }

    private static FixedOptions Simulation() => new(new SimulationOptions { MinSeconds = 5, MaxSeconds = 15, TimeScale = 0.1 });

    private sealed class FixedOptions(SimulationOptions value) : IOptionsMonitor<SimulationOptions>
    {
        public SimulationOptions CurrentValue => value;

        public SimulationOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<SimulationOptions, string?> listener) => null;
    }

    [Fact]
    public void Measured_speeds_move_the_estimate_smoothly()
    {
        var speeds = new StageSpeeds();
        var before = speeds.SecondsPerMediaSecond("transcribing");

        speeds.Record("transcribing", TimeSpan.FromSeconds(50), mediaSeconds: 100); // 0.5 s per media second

        Assert.Equal(before + (0.3 * (0.5 - before)), speeds.SecondsPerMediaSecond("transcribing"), precision: 6);
        speeds.Record("no_such_stage", TimeSpan.FromSeconds(1), 1);
        Assert.Equal(0, speeds.SecondsPerMediaSecond("no_such_stage"));
    }

    private static TranslationJob Job(double mediaSeconds, int languages, JobState state, double progress = 0, DateTimeOffset? started = null) => new()
    {
        Id = JobId.New(),
        Languages = new LanguagePair(LanguageCode.Parse("en"), LanguageCode.Parse("es")),
        State = state,
        Attempts = state == JobState.Queued ? 0 : 1,
        CreatedAt = Now,
        UpdatedAt = Now,
        Kind = JobKind.Video,
        Progress = progress,
        StartedAt = started,
        Video = new VideoJobSpec
        {
            FileName = "talk.mp4",
            InputExtension = ".mp4",
            MediaSeconds = mediaSeconds,
            TargetLanguages = [.. Enumerable.Range(0, languages).Select(i => i == 0 ? "es" : "pt")],
        },
    };
}
