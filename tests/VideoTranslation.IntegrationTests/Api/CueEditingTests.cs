using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Orchestration;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.IntegrationTests.Api;

/// <summary>Correcting a finished job: read its cues, edit them, and render again only what the edits changed.</summary>
public sealed class CueEditingTests : IAsyncLifetime, IDisposable
{
    private const string Speech = "Good morning everyone. The house is very big. We will go to the beach tomorrow.";

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
    public async Task An_edited_translation_is_rendered_again_reusing_every_other_cues_speech()
    {
        var location = await TranslatedJobAsync();
        var source = await http.GetAsync($"{location}/cues/source");
        Assert.Equal(HttpStatusCode.OK, source.StatusCode);
        var sourceCues = (await source.ReadJsonAsync()).GetProperty("cues").EnumerateArray().ToList();
        Assert.Equal([.. Enumerable.Range(1, sourceCues.Count).Select(n => $"c{n}")], sourceCues.Select(cue => cue.GetProperty("id").GetString()));

        var translated = await http.GetAsync($"{location}/cues/es");
        var etag = translated.Headers.ETag!;
        var track = await translated.ReadJsonAsync();
        Assert.Equal((1, false), (track.GetProperty("revision").GetInt32(), track.GetProperty("changed").GetBoolean()));
        var cues = track.GetProperty("cues").EnumerateArray().ToList();
        Assert.All(cues, cue => Assert.Contains(cue.GetProperty("source_ids")[0].GetString(), sourceCues.Select(s => s.GetProperty("id").GetString())));
        var edited = cues[^1].GetProperty("id").GetString()!;

        using var unchanged = new HttpRequestMessage(HttpMethod.Get, $"{location}/cues/es");
        unchanged.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(unchanged)).StatusCode);

        var patched = await PatchAsync($"{location}/cues/es", new { cues = new[] { new { id = edited, text = "Iremos a la montaña mañana." } } }, etag);
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.NotEqual(etag, patched.Headers.ETag);
        var after = (await patched.ReadJsonAsync()).GetProperty("cues").EnumerateArray().Single(cue => cue.GetProperty("id").GetString() == edited);
        Assert.Equal(("Iremos a la montaña mañana.", true), (after.GetProperty("text").GetString(), after.GetProperty("edited").GetBoolean()));

        var stale = await PatchAsync($"{location}/cues/es", new { cues = new[] { new { id = edited, text = "Otra cosa." } } }, etag);
        Assert.Equal("track_changed", (await JsonAssert.IsProblemAsync(stale, HttpStatusCode.PreconditionFailed)).GetProperty("code").GetString());

        var job = await RenderAsync(location);

        Assert.Equal(("completed", "done"), (job.GetProperty("status").GetString(), job.GetProperty("stage").GetString()));
        var srt = SubtitleParser.Parse(await http.GetStringAsync(job.GetProperty("results").GetProperty("es").GetProperty("srt").GetString()));
        Assert.Contains(srt, cue => cue.Text == "Iremos a la montaña mañana.");
        var report = await http.GetFromJsonAsync<JsonElement>(job.GetProperty("results").GetProperty("es").GetProperty("dubbing_report").GetString());
        var reused = report.GetProperty("cues").EnumerateArray().Select(cue => cue.GetProperty("reused").GetBoolean()).ToList();
        Assert.Single(reused, false);
        Assert.True(reused.Count > 1, "the speech has more than one sentence");
        var rendered = await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es");
        Assert.Equal((2, false), (rendered.GetProperty("revision").GetInt32(), rendered.GetProperty("changed").GetBoolean()));

        var revisions = (await http.GetFromJsonAsync<JsonElement>($"{location}/revisions")).EnumerateArray().ToList();
        Assert.Equal([1, 2], revisions.Select(revision => revision.GetProperty("revision").GetInt32()));
        Assert.Equal([edited], revisions[1].GetProperty("changes").GetProperty("es").EnumerateArray().Select(cue => cue.GetString()));
        var previous = SubtitleParser.Parse(await http.GetStringAsync(revisions[0].GetProperty("artifacts").GetProperty("es.srt").GetString()));
        Assert.DoesNotContain(previous, cue => cue.Text == "Iremos a la montaña mañana.");
        Assert.Equal(srt.Count, previous.Count);
        Assert.EndsWith("/artifacts/r1.es.dubbing-report.json", revisions[0].GetProperty("artifacts").GetProperty("es.dubbing-report.json").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/artifacts/es.srt", revisions[1].GetProperty("artifacts").GetProperty("es.srt").GetString(), StringComparison.Ordinal);

        var again = await http.PostAsync($"{location}/render", null);
        Assert.Equal("nothing_to_render", (await JsonAssert.IsProblemAsync(again, HttpStatusCode.Conflict)).GetProperty("code").GetString());

        // A worker that saved the render and stopped before completing it: the job runs again, and only completes.
        var id = VideoTranslation.Domain.JobId.Parse(location.Split('/')[^1]);
        Assert.NotNull(await server.Services.GetRequiredService<IJobRepository>().RenderAsync(id, WorkQueues.For(PipelineStage.Translating), [], default));
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        Assert.Equal(TranslationJobStatus.Completed, (await client.WaitForVideoJobAsync(id.Value)).Status);
        Assert.Equal([1, 2], (await http.GetFromJsonAsync<JsonElement>($"{location}/revisions")).EnumerateArray().Select(revision => revision.GetProperty("revision").GetInt32()));
        Assert.Equal(2, (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es")).GetProperty("revision").GetInt32());
        Assert.DoesNotContain(await client.GetArtifactsAsync(id.Value), artifact => artifact.Name.StartsWith("r2.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_corrected_source_cue_is_translated_again_at_the_render()
    {
        var location = await TranslatedJobAsync();
        var first = (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/source")).GetProperty("cues")[0];
        var id = first.GetProperty("id").GetString()!;
        var before = (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es")).GetProperty("cues").EnumerateArray()
            .Where(cue => cue.GetProperty("source_ids")[0].GetString() == id).Select(cue => cue.GetProperty("text").GetString()).ToList();

        var patched = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id, text = "The house is red." } } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var marked = (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es")).GetProperty("cues").EnumerateArray()
            .Where(cue => cue.GetProperty("source_ids")[0].GetString() == id).ToList();
        Assert.All(marked, cue => Assert.True(cue.GetProperty("stale").GetBoolean()));

        await RenderAsync(location);

        var translated = (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/es")).GetProperty("cues").EnumerateArray()
            .Where(cue => cue.GetProperty("source_ids")[0].GetString() == id).ToList();
        Assert.All(translated, cue => Assert.False(cue.GetProperty("stale").GetBoolean()));
        Assert.Equal("La casa es roja.", string.Join(' ', translated.Select(cue => cue.GetProperty("text").GetString())));
        Assert.NotEqual(before, translated.Select(cue => cue.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Invalid_edits_are_refused_cue_by_cue_and_change_nothing()
    {
        var location = await TranslatedJobAsync();
        var cues = (await http.GetFromJsonAsync<JsonElement>($"{location}/cues/source")).GetProperty("cues").EnumerateArray().ToList();
        var etag = (await http.GetAsync($"{location}/cues/source")).Headers.ETag;
        Assert.True(cues.Count >= 2, "the speech is segmented into several cues");
        var (first, second) = (cues[0].GetProperty("id").GetString()!, cues[1].GetProperty("id").GetString()!);

        var response = await PatchAsync($"{location}/cues/source", new
        {
            cues = new object[]
            {
                new { id = "c999", text = "No such cue." },
                new { id = first, text = "  " },
                new { id = second, start = cues[0].GetProperty("start").GetDouble(), end = 3600.0 },
            },
        });

        var problem = await JsonAssert.IsProblemAsync(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.Equal(new[] { "c999", first, second }.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(error => error.Name).Order(StringComparer.Ordinal));
        Assert.Equal(etag, (await http.GetAsync($"{location}/cues/source")).Headers.ETag);

        var overlap = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = second, start = cues[0].GetProperty("start").GetDouble() + 0.01 } } });
        Assert.Contains("overlap", (await JsonAssert.IsProblemAsync(overlap, HttpStatusCode.UnprocessableEntity)).Detail(), StringComparison.Ordinal);
        var tooLong = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = first, text = string.Join(' ', Enumerable.Repeat("words", 40)) } } });
        await JsonAssert.IsProblemAsync(tooLong, HttpStatusCode.UnprocessableEntity);
        var control = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = first, text = "Bell \u0007 here." } } });
        Assert.Contains("control character", (await JsonAssert.IsProblemAsync(control, HttpStatusCode.UnprocessableEntity)).Detail(), StringComparison.Ordinal);
        var lineBreaks = await PatchAsync($"{location}/cues/source", new { cues = new[] { new { id = first, text = "Good\n\n9\n00:00:05,000 -->\tnothing" } } });
        Assert.Equal(HttpStatusCode.OK, lineBreaks.StatusCode);
        Assert.Equal("Good 9 00:00:05,000 --> nothing", (await lineBreaks.ReadJsonAsync()).GetProperty("cues")[0].GetProperty("text").GetString());
        Assert.Equal("track_not_found", (await JsonAssert.IsProblemAsync(await http.GetAsync($"{location}/cues/fr"), HttpStatusCode.NotFound)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task The_client_edits_imports_and_renders_and_the_cli_shows_and_renders()
    {
        var location = await TranslatedJobAsync();
        var jobId = location.Split('/')[^1];
        using var client = server.CreateClient();

        var cues = await client.GetCuesAsync(jobId, "es");
        var last = cues.Cues[^1];
        var edited = await client.EditCuesAsync(jobId, "es", [new CueChange(last.Id, Text: "Iremos a la montaña mañana.")], cues.ETag);
        Assert.True(edited.Changed);
        var conflict = await Assert.ThrowsAsync<TranslationApiException>(() => client.EditCuesAsync(jobId, "es", [new CueChange(last.Id, Text: "Otra.")], cues.ETag));
        Assert.Equal((412, "track_changed"), ((int)conflict.StatusCode, conflict.Code));

        // A round trip through a subtitle editor: the track as SRT, one line changed, sent back.
        var srt = Path.Combine(media.Path, "es.srt");
        await client.DownloadArtifactAsync(jobId, "es.srt", srt);
        var lines = await File.ReadAllLinesAsync(srt);
        var first = Array.FindIndex(lines, line => line.Contains("-->", StringComparison.Ordinal)) + 1;
        lines[first] = "Buenos días a todos.";
        await File.WriteAllLinesAsync(srt, lines);
        var imported = await client.ImportCuesAsync(jobId, "es", srt, edited.ETag);
        Assert.Equal("Buenos días a todos.", imported.Cues[0].Text);
        Assert.True(imported.Cues[0].Edited);

        var (exit, stdout, _) = await VtsProcess.RunAsync("cues", jobId, "es", "--json", "--server", server.BaseAddress.ToString());
        Assert.Equal(0, exit);
        Assert.Equal("Buenos días a todos.", JsonDocument.Parse(stdout).RootElement.GetProperty("cues")[0].GetProperty("text").GetString());

        var (renderExit, renderOut, _) = await VtsProcess.RunAsync("render", jobId, "--json", "--server", server.BaseAddress.ToString());
        Assert.Equal(0, renderExit);
        Assert.Equal("completed", JsonDocument.Parse(renderOut).RootElement.GetProperty("status").GetString());
        var rendered = await client.GetCuesAsync(jobId, "es");
        Assert.Equal((2, false), (rendered.Revision, rendered.Changed));
        var subtitles = SubtitleParser.Parse(await http.GetStringAsync($"{location}/artifacts/es.srt"));
        Assert.Equal("Buenos días a todos.", subtitles[0].Text);
    }

    [Fact]
    public async Task A_render_for_some_languages_leaves_the_others_edits_for_a_later_one()
    {
        var location = await TranslatedJobAsync("es,pt-BR");
        var jobId = location.Split('/')[^1];
        using var client = server.CreateClient();
        var spanish = (await client.GetCuesAsync(jobId, "es")).Cues[^1].Id;
        var portuguese = (await client.GetCuesAsync(jobId, "pt-BR")).Cues[^1].Id;
        await client.EditCuesAsync(jobId, "es", [new CueChange(spanish, Text: "Iremos a la montaña mañana.")]);
        await client.EditCuesAsync(jobId, "pt-BR", [new CueChange(portuguese, Text: "Iremos à montanha amanhã.")]);

        var refused = await http.PostAsJsonAsync($"{location}/render", new { languages = new[] { "fr" } });
        await JsonAssert.IsProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        var (exit, _, _) = await VtsProcess.RunAsync("render", jobId, "--to", "es", "--json", "--server", server.BaseAddress.ToString());
        Assert.Equal(0, exit);

        var (es, pt) = (await client.GetCuesAsync(jobId, "es"), await client.GetCuesAsync(jobId, "pt-BR"));
        Assert.Equal((2, false), (es.Revision, es.Changed));
        Assert.Equal((1, true), (pt.Revision, pt.Changed));
        Assert.Equal("Iremos à montanha amanhã.", pt.Cues[^1].Text);
        Assert.Contains(SubtitleParser.Parse(await http.GetStringAsync($"{location}/artifacts/es.srt")), cue => cue.Text == "Iremos a la montaña mañana.");
        Assert.DoesNotContain(SubtitleParser.Parse(await http.GetStringAsync($"{location}/artifacts/pt-BR.srt")), cue => cue.Text == "Iremos à montanha amanhã.");
        var revisions = (await http.GetFromJsonAsync<JsonElement>($"{location}/revisions"))[1].GetProperty("changes");
        Assert.Equal(["es"], revisions.EnumerateObject().Select(track => track.Name));

        await client.StartRenderAsync(jobId);
        await client.WaitForVideoJobAsync(jobId);
        pt = await client.GetCuesAsync(jobId, "pt-BR");
        Assert.Equal((3, false), (pt.Revision, pt.Changed));
        Assert.Contains(SubtitleParser.Parse(await http.GetStringAsync($"{location}/artifacts/pt-BR.srt")), cue => cue.Text == "Iremos à montanha amanhã.");
    }

    private async Task<string> TranslatedJobAsync(string targets = "es")
    {
        var video = await TestMedia.SpeechVideoAsync(media.Path, Speech, seconds: 8);
        var response = await http.PostAsync("/v1/jobs", UploadForm.Create(video, ("target_languages", targets)));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Equal("completed", (await http.WaitForJobAsync(location)).GetProperty("status").GetString());
        return location;
    }

    private async Task<JsonElement> RenderAsync(string location)
    {
        var response = await http.PostAsync($"{location}/render", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("pending", (await response.ReadJsonAsync()).GetProperty("status").GetString());
        return await http.WaitForJobAsync(location);
    }

    private Task<HttpResponseMessage> PatchAsync(string url, object body, EntityTagHeaderValue? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(ifMatch);
        }

        return http.SendAsync(request);
    }
}
