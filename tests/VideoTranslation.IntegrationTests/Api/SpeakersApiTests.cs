using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Speakers;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>Speakers through the API: found at submit, listed on the job and its cues, voices chosen and changed, re-rendered where changed.</summary>
public sealed class SpeakersApiTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory media = new();
    private TestServer server = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        server = await TestServer.StartAsync(TestServer.Settings());
        http = server.CreateHttpClient();
    }

    public async Task DisposeAsync()
    {
        http.Dispose();
        await server.DisposeAsync();
    }

    public void Dispose() => media.Dispose();

    [Fact]
    public async Task A_dialogue_gets_a_voice_per_speaker_and_a_changed_speaker_or_voice_is_spoken_again_alone()
    {
        var (wav, _) = await SampleDialogue.CreateAsync(media.Path, EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var video = await SampleDialogue.VideoAsync(media.Path, wav, "dialogue.mp4", default);
        var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), ("speakers", "auto"), ("voice.es.S2", "es+f4")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        var job = await http.WaitForJobAsync(location);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        Assert.Equal("auto", job.GetProperty("options").GetProperty("speakers").GetString());

        // Two speakers, the first low and the second high; S2 has the voice asked for, S1 another, low one.
        var speakers = job.GetProperty("speakers").EnumerateArray().ToList();
        Assert.Equal(["S1", "S2"], speakers.Select(s => s.GetProperty("id").GetString()));
        Assert.InRange(speakers[0].GetProperty("median_pitch_hz").GetDouble(), 60, VoiceCasting.RegisterBoundary);
        Assert.InRange(speakers[1].GetProperty("median_pitch_hz").GetDouble(), VoiceCasting.RegisterBoundary, 300);
        Assert.Equal("es+f4", speakers[1].GetProperty("voices").GetProperty("es").GetString());
        var lowVoice = speakers[0].GetProperty("voices").GetProperty("es").GetString()!;
        Assert.NotEqual("es+f4", lowVoice);

        // The cues name their speakers; the Spanish WebVTT marks them.
        var source = await http.GetFromJsonAsync<JsonElement>($"{location}/cues/source");
        Assert.Equal(["S1", "S2"], source.GetProperty("speakers").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var sourceCues = source.GetProperty("cues").EnumerateArray().ToList();
        Assert.Equal(["S1", "S2"], sourceCues.Select(cue => cue.GetProperty("speaker").GetString()).Distinct().Order());
        var vtt = await http.GetStringAsync(job.GetProperty("results").GetProperty("es").GetProperty("vtt").GetString());
        Assert.Contains("<v S2>", vtt, StringComparison.Ordinal);

        // Give one of S1's cues to S2: its translation follows without being translated again, and only its speech is made again.
        var moved = sourceCues.Last(cue => cue.GetProperty("speaker").GetString() == "S1").GetProperty("id").GetString()!;
        var patched = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = moved, speaker = "S2" } } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var spanish = await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es");
        var followers = spanish.GetProperty("cues").EnumerateArray().Where(cue => cue.GetProperty("source_ids")[0].GetString() == moved).ToList();
        Assert.All(followers, cue => Assert.Equal(("S2", false), (cue.GetProperty("speaker").GetString(), cue.GetProperty("stale").GetBoolean())));
        var report = await RenderReportAsync(location);
        Assert.All(report.Where(cue => cue.GetProperty("speaker").GetString() == "S2"), cue => Assert.Equal("es+f4", cue.GetProperty("voice").GetString()));
        Assert.Single(report, cue => !cue.GetProperty("reused").GetBoolean());

        // A new voice for S1: all of S1's speech, and only it, is made again.
        var voiced = await PatchAsync($"{location}/cues/es", new { voices = new Dictionary<string, string> { ["S1"] = "es+m7" } });
        Assert.Equal(HttpStatusCode.OK, voiced.StatusCode);
        Assert.Equal("es+m7", (await http.GetFromJsonAsync<JsonElement>(location)).GetProperty("speakers")[0].GetProperty("voices").GetProperty("es").GetString());
        report = await RenderReportAsync(location);
        Assert.All(report, cue => Assert.Equal(cue.GetProperty("speaker").GetString() == "S1", !cue.GetProperty("reused").GetBoolean()));
        Assert.Equal("es+m7", (await http.GetFromJsonAsync<JsonElement>(location)).GetProperty("speakers")[0].GetProperty("voices").GetProperty("es").GetString());

        // Bad speakers and voices are refused, field by field.
        var unknown = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = moved, speaker = "S7" } } });
        Assert.Contains(moved, (await JsonAssert.IsProblemAsync(unknown, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        var badVoice = await PatchAsync($"{location}/cues/es", new { voices = new Dictionary<string, string> { ["S1"] = "../../etc/passwd" } });
        Assert.Contains("voices.S1", (await JsonAssert.IsProblemAsync(badVoice, HttpStatusCode.UnprocessableEntity)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
    }

    [Fact]
    public async Task The_client_and_the_cli_give_the_count_and_voices_and_show_the_speakers()
    {
        var (wav, _) = await SampleDialogue.CreateAsync(media.Path, EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var video = await SampleDialogue.VideoAsync(media.Path, wav, "dialogue.mp4", default);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var options = new VideoTranslation.Client.VideoTranslationOptions { TargetLanguages = { "es" }, Speakers = 2 };
        options.SpeakerVoices["es"] = new Dictionary<string, string> { ["S1"] = "es+m7" };

        var job = await client.WaitForVideoJobAsync((await client.StartVideoTranslationAsync(video, options)).Id);

        Assert.Equal(["S1", "S2"], job.Speakers!.Select(speaker => speaker.Id));
        Assert.Equal("es+m7", job.Speakers![0].Voices!["es"]);
        var cues = await client.SetVoicesAsync(job.Id, "es", new Dictionary<string, string> { ["S2"] = "es+f2" });
        Assert.Equal(("es+m7", "es+f2", true), (cues.Voices!["S1"], cues.Voices["S2"], cues.Changed));
        Assert.Contains(cues.Cues, cue => cue.Speaker == "S2");

        var (exit, stdout, _) = await VtsProcess.RunAsync("cues", job.Id, "source", "--server", server.BaseAddress.ToString());
        Assert.Equal(0, exit);
        Assert.Contains("speaker", stdout, StringComparison.Ordinal);
        Assert.Contains("S2", stdout, StringComparison.Ordinal);
        var (refused, _, error) = await VtsProcess.RunAsync("translate", video, "--to", "es", "--speakers", "11");
        Assert.Equal(64, refused);
        Assert.Contains("--speakers", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Provided_subtitles_name_the_speakers_and_the_audio_gives_their_registers()
    {
        var (wav, truth) = await SampleDialogue.CreateAsync(media.Path, EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var video = await SampleDialogue.VideoAsync(media.Path, wav, "dialogue.mp4", default);
        var lines = EvaluationDialogues.LowAndHigh;
        var vtt = Path.Combine(media.Path, "dialogue.vtt");
        await File.WriteAllTextAsync(vtt, "WEBVTT\n\n" + string.Concat(truth.Select((turn, i) =>
            $"{Time(turn.Start)} --> {Time(turn.End)}\n<v {(turn.Speaker == "rms" ? "Robert" : "Sally")}>{lines[i].Text}\n\n")));
        using var form = UploadForm.Create(video, ("target_languages", "es"));
        form.Add(new StreamContent(File.OpenRead(vtt)), "source_subtitles", "dialogue.vtt");

        var response = await http.PostAsync("/v1/jobs", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var job = await http.WaitForJobAsync(response.Headers.Location!.ToString());

        Assert.Equal("completed", job.GetProperty("status").GetString());
        var speakers = job.GetProperty("speakers").EnumerateArray().ToList();
        Assert.Equal([("S1", "Robert"), ("S2", "Sally")], speakers.Select(s => (s.GetProperty("id").GetString(), s.GetProperty("name").GetString())));
        Assert.InRange(speakers[0].GetProperty("median_pitch_hz").GetDouble(), 60, VoiceCasting.RegisterBoundary);
        Assert.InRange(speakers[1].GetProperty("median_pitch_hz").GetDouble(), VoiceCasting.RegisterBoundary, 300);
        Assert.NotEqual(speakers[0].GetProperty("voices").GetProperty("es").GetString(), speakers[1].GetProperty("voices").GetProperty("es").GetString());
    }

    [Theory]
    [InlineData("speakers", "11")]
    [InlineData("speakers", "two")]
    [InlineData("voice.es.S0", "es+f3")]
    [InlineData("voice.es.S2", "nope")]
    [InlineData("voice.es.S2.x", "es+f3")]
    public async Task Bad_speaker_fields_are_refused_and_leave_no_job(string field, string value)
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, "Good morning everyone.", seconds: 3);

        var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", "es"), (field, value)));

        var problem = await JsonAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("/v1/jobs")).GetProperty("jobs").EnumerateArray());
    }

    private static string Time(TimeSpan time) => time.ToString(@"hh\:mm\:ss\.fff", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<List<JsonElement>> RenderReportAsync(string location)
    {
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsync($"{location}/render", null)).StatusCode);
        var job = await http.WaitForJobAsync(location);
        Assert.Equal("completed", job.GetProperty("status").GetString());
        var report = await http.GetFromJsonAsync<JsonElement>(job.GetProperty("results").GetProperty("es").GetProperty("dubbing_report").GetString());
        return [.. report.GetProperty("cues").EnumerateArray()];
    }

    private Task<HttpResponseMessage> PatchAsync(string url, object body) =>
        http.SendAsync(new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) });
}
