using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Security;

namespace VideoTranslation.IntegrationTests.Web;

/// <summary>
/// The web page at <c>/</c> in a real headless Chromium against the real server: a generated video dropped on the
/// page is translated by the offline engines, followed live, played with its dubs, original sound and subtitles,
/// and downloaded. Screenshots land in <c>artifacts/screenshots</c>.
/// </summary>
public sealed class WebPageTests(Chromium chromium) : IClassFixture<Chromium>, IDisposable
{
    private const float Minutes = 60_000;
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task A_dropped_video_is_translated_followed_live_played_with_its_tracks_and_downloaded()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings());
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big and the weather is nice today.", seconds: 6);
        await using var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), Locale = "en-US" });
        var page = await context.NewPageAsync();
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add($"{request.Method} {new Uri(request.Url).PathAndQuery}");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("input[name=target][value=es]")).ToBeVisibleAsync();
        Assert.Equal("en", await page.Locator("#source").InputValueAsync()); // the one language pocketsphinx recognizes

        // Drop the file on the drop zone, as a user dragging it from their desktop would.
        var transfer = await page.EvaluateHandleAsync(
            """
            (base64) => {
              const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
              const transfer = new DataTransfer();
              transfer.items.add(new File([bytes], "talk.mp4", { type: "video/mp4" }));
              return transfer;
            }
            """,
            Convert.ToBase64String(await File.ReadAllBytesAsync(video)));
        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer = transfer });
        await Assertions.Expect(page.Locator("#file-name")).ToContainTextAsync("talk.mp4");

        await page.Locator("input[name=target][value=es]").CheckAsync();
        await page.Locator("input[name=target][value=pt-BR]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Translate", Exact = true }).ClickAsync();

        // Live progress while it runs, then the result.
        await Assertions.Expect(page.Locator("#job")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#job-title")).ToHaveTextAsync("talk.mp4");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("web-page-progress"), FullPage = true });
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("completed", new() { Timeout = 4 * Minutes });
        var jobId = page.Url[(page.Url.LastIndexOf('/') + 1)..];

        // Followed over one event stream, not by polling the job.
        Assert.Single(requests, request => request == $"GET /v1/jobs/{jobId}/events");
        Assert.Single(requests, request => request == $"GET /v1/jobs/{jobId}");

        // The player: the translated video, each dub and the original sound, the subtitles of each language.
        await Assertions.Expect(page.Locator("#player")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('video').readyState >= 1");
        var duration = await page.EvalOnSelectorAsync<double>("#video", "video => video.duration");
        Assert.InRange(duration, 5.5, 7);
        Assert.Equal(["dub:es", "dub:pt-BR", "original"], await Values(page, "#audio-track option"));
        Assert.Equal(["Off", "English (original)", "Spanish", "Brazilian Portuguese"], await page.Locator("#subtitle-track option").AllTextContentsAsync());

        // The Spanish subtitles are on, loaded, and Spanish.
        await page.WaitForFunctionAsync(
            "() => [...document.getElementById('video').textTracks].some(t => t.language === 'es' && t.mode === 'showing' && t.cues && t.cues.length > 0)");
        var spanish = await page.EvaluateAsync<string>(
            "() => [...[...document.getElementById('video').textTracks].find(t => t.language === 'es').cues].map(c => c.text).join(' ')");
        Assert.Contains("casa", spanish, StringComparison.OrdinalIgnoreCase);

        // It plays: time advances with the video's own (first dub) track.
        await page.EvalOnSelectorAsync("#video", "video => video.play()");
        await page.WaitForFunctionAsync("() => document.getElementById('video').currentTime > 0.5");
        Assert.False(await page.EvalOnSelectorAsync<bool>("#video", "video => video.muted"));

        // Another dub plays beside the muted video, in step with it; then the original sound.
        await page.SelectOptionAsync("#audio-track", "dub:pt-BR");
        await page.WaitForFunctionAsync(
            "() => { const a = document.getElementById('track-audio'), v = document.getElementById('video'); return a.src.endsWith('/pt-BR.dub.m4a') && !a.paused && a.currentTime > 0 && v.muted; }");
        await page.SelectOptionAsync("#audio-track", "original");
        await page.WaitForFunctionAsync("() => document.getElementById('track-audio').src.endsWith('/original.mp4')");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("web-page-result"), FullPage = true });
        await page.Locator("#job").ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("web-page-player") });

        // Every artifact can be downloaded; the WebVTT file is what the link says.
        var links = await page.Locator("#artifacts a").AllTextContentsAsync();
        Assert.Superset(
            new HashSet<string> { "output.mp4", "original.mp4", "transcript.json", "es.srt", "es.vtt", "es.dub.m4a", "pt-BR.srt", "pt-BR.vtt", "pt-BR.dub.m4a" },
            links.ToHashSet());
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "es.vtt", Exact = true }).ClickAsync());
        var saved = Path.Combine(directory.Path, download.SuggestedFilename);
        await download.SaveAsAsync(saved);
        Assert.StartsWith("WEBVTT", await File.ReadAllTextAsync(saved), StringComparison.Ordinal);

        // The jobs list shows it, finished.
        await Assertions.Expect(page.Locator($"#job-rows tr[data-id='{jobId}'] .badge")).ToHaveTextAsync("completed");

        // Where the browser can switch a file's audio tracks, the page switches those of the output video itself.
        await using var tracksBrowser = await chromium.LaunchAsync("--enable-blink-features=AudioVideoTracks");
        var native = await tracksBrowser.NewPageAsync(new BrowserNewPageOptions { BaseURL = server.BaseAddress.ToString(), Locale = "en-US" });
        await native.GotoAsync($"/#/jobs/{jobId}");
        await native.WaitForFunctionAsync("() => document.getElementById('video').audioTracks?.length === 3");
        await native.SelectOptionAsync("#audio-track", "dub:pt-BR");
        var enabled = await native.EvaluateAsync<bool[]>("() => [...document.getElementById('video').audioTracks].map(t => t.enabled)");
        Assert.Equal([false, true, false], enabled);
        Assert.Equal("", await native.EvalOnSelectorAsync<string>("#track-audio", "audio => audio.getAttribute('src') ?? ''"));
    }

    [Fact]
    public async Task Problems_are_shown_in_words_and_nothing_is_started()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings());
        var page = await NewPageAsync(server);
        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("input[name=target][value=es]")).ToBeVisibleAsync();

        // Checked in the page before anything is sent.
        await page.GetByRole(AriaRole.Button, new() { Name = "Translate", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose a video to translate.");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Choose at least one language");

        // Refused by the server: a text file is not a video. Its problem details are shown as they came.
        var notAVideo = Path.Combine(directory.Path, "notes.mp4");
        await File.WriteAllTextAsync(notAVideo, "These are my meeting notes, not a video.");
        await page.SetInputFilesAsync("#file", notAVideo);
        await page.Locator("input[name=target][value=es]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Translate", Exact = true }).ClickAsync();
        var alert = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(alert).ToContainTextAsync("The video cannot be translated");
        await Assertions.Expect(alert).ToContainTextAsync("not a video or audio format");
        await page.ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("web-page-error") });

        Assert.Equal("", new Uri(page.Url).Fragment);
        await Assertions.Expect(page.Locator("#no-jobs")).ToBeVisibleAsync();
        using var http = server.CreateHttpClient();
        var jobs = await http.GetFromJsonAsync<JsonElement>("/v1/jobs");
        Assert.Equal(0, jobs.GetProperty("jobs").GetArrayLength());
    }

    [Fact]
    public async Task A_server_that_requires_keys_asks_for_one_then_shows_and_plays_that_tenants_jobs()
    {
        var settings = TestServer.Settings();
        settings["Auth:Mode"] = "required";
        await using var server = await TestServer.StartAsync(settings);
        var token = (await server.Services.GetRequiredService<ApiKeyStore>().CreateAsync("acme", "browser", admin: false, default)).Token;
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        var config = TestServer.FastPolling(timeoutSeconds: 180);
        config.ApiKey = token;
        using var client = server.CreateClient(config);
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        await client.WaitForVideoJobAsync(job.Id);

        var page = await NewPageAsync(server);
        await page.GotoAsync($"/#/jobs/{job.Id}");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "API key" });
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Key").FillAsync(token);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator($"#job-rows tr[data-id='{job.Id}']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[name=target][value=es]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();

        // Media elements cannot send the key: the page plays signed links to the files, which stream with ranges.
        await page.WaitForFunctionAsync("() => document.getElementById('video').readyState >= 1");
        Assert.Matches($"^{Regex.Escape(server.BaseAddress.AbsoluteUri)}v1/jobs/{job.Id}/artifacts/output\\.mp4\\?link=", await page.EvalOnSelectorAsync<string>("#video", "video => video.src"));
        await page.WaitForFunctionAsync("() => [...document.getElementById('video').textTracks].some(t => t.language === 'es' && t.cues?.length > 0)");
        Assert.Equal(1, await page.EvaluateAsync<int>("() => localStorage.length")); // kept in this browser for the next visit

        // Downloads go through a short-lived signed link too.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "es.srt", Exact = true }).ClickAsync());
        Assert.Contains("?link=", download.Url, StringComparison.Ordinal);
        var saved = Path.Combine(directory.Path, "downloaded.es.srt");
        await download.SaveAsAsync(saved);
        Assert.Contains("casa", await File.ReadAllTextAsync(saved), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Pending_jobs_in_the_list_are_brought_up_to_date_on_every_page_shown()
    {
        // Long enough to be seen pending on a slow machine; 21 jobs, so the oldest is on the second page.
        await using var server = await TestServer.StartAsync(minSeconds: 15, maxSeconds: 15, workers: 32);
        using var client = server.CreateClient();
        var oldest = await client.StartTranslationAsync("en", "es");
        var newest = oldest;
        for (var i = 0; i < 20; i++)
        {
            newest = await client.StartTranslationAsync("en", "es");
        }

        var page = await NewPageAsync(server);
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show more" }).ClickAsync();
        var first = page.Locator($"#job-rows tr[data-id='{newest.JobId}'] .badge");
        var second = page.Locator($"#job-rows tr[data-id='{oldest.JobId}'] .badge");
        await Assertions.Expect(first).ToContainTextAsync("pending");
        await Assertions.Expect(second).ToContainTextAsync("pending");

        await Assertions.Expect(second).ToHaveTextAsync("completed", new() { Timeout = Minutes });
        await Assertions.Expect(first).ToHaveTextAsync("completed", new() { Timeout = Minutes });
    }

    [Fact]
    public async Task A_cue_corrected_on_the_page_is_rendered_and_the_player_shows_the_new_revision()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings());
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 5);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        await client.WaitForVideoJobAsync(job.Id);

        var page = await NewPageAsync(server);
        await page.GotoAsync($"/#/jobs/{job.Id}");
        await Assertions.Expect(page.Locator("#editor")).ToBeVisibleAsync();
        Assert.Equal("es", await page.Locator("#cue-track").InputValueAsync());
        var cues = page.Locator("#cue-list input");
        Assert.True(await cues.CountAsync() >= 1);
        await cues.Last.FillAsync("Iremos a la montaña mañana.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cue-status")).ToContainTextAsync("Saved 1 cue");
        Assert.True((await client.GetCuesAsync(job.Id, "es")).Changed);

        await page.GetByRole(AriaRole.Button, new() { Name = "Render" }).ClickAsync();

        // Followed live like any job's work; when it completes the cues and the player come back with revision 2.
        await Assertions.Expect(page.Locator("#cue-status")).ToContainTextAsync("Revision 2", new() { Timeout = 4 * Minutes });
        await Assertions.Expect(page.Locator("#job-status")).ToHaveTextAsync("completed");
        await Assertions.Expect(page.Locator("#cue-list input").Last).ToHaveValueAsync("Iremos a la montaña mañana.");
        await page.WaitForFunctionAsync("() => [...document.getElementById('video').textTracks].some(t => t.language === 'es' && [...(t.cues ?? [])].some(c => c.text.includes('montaña')))");
        Assert.Contains("r1.es.srt", await page.Locator("#artifacts a").AllTextContentsAsync());

        // A cue's time plays the video from there. The position is taken when the seek starts: once the video
        // plays, currentTime moves on by however long a loaded machine takes to answer the next question.
        var last = (await client.GetCuesAsync(job.Id, "es")).Cues[^1];
        await page.EvaluateAsync("() => { const video = document.getElementById('video'); window.seekedTo = new Promise(resolve => video.addEventListener('seeking', () => resolve(video.currentTime), { once: true })); }");
        await page.Locator("#cue-list .cue-time").Last.ClickAsync();
        Assert.Equal(last.Start, await page.EvaluateAsync<double>("() => window.seekedTo"), precision: 2);
        Assert.True(await page.EvaluateAsync<double>("() => document.getElementById('video').currentTime") >= last.Start - 0.01);
        await page.Locator("#job").ScreenshotAsync(new() { Path = Chromium.ScreenshotPath("web-page-editor") });
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(
            results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} ({string.Join(", ", violation.Nodes.Select(node => node.Target))})")));
    }

    [Fact]
    public async Task The_speakers_show_on_the_cues_and_a_voice_is_picked_per_speaker()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings());
        var (wav, _) = await VideoTranslation.Pipeline.Speakers.SampleDialogue.CreateAsync(
            directory.Path, VideoTranslation.Pipeline.Speakers.EvaluationDialogues.LowAndHigh, "dialogue.wav", default);
        var video = await VideoTranslation.Pipeline.Speakers.SampleDialogue.VideoAsync(directory.Path, wav, "dialogue.mp4", default);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" } });
        await client.WaitForVideoJobAsync(job.Id);

        var page = await NewPageAsync(server);
        await page.GotoAsync($"/#/jobs/{job.Id}");
        await Assertions.Expect(page.Locator("#speaker-voices")).ToBeVisibleAsync();
        var badges = await page.Locator("#cue-list .speaker").AllTextContentsAsync();
        Assert.Equal(["S1", "S2"], badges.Distinct().Order());
        var colours = await page.EvaluateAsync<string[]>("() => ['speaker-1', 'speaker-2'].map(c => getComputedStyle(document.querySelector('#cue-list .' + c)).backgroundColor)");
        Assert.NotEqual(colours[0], colours[1]);

        // Each speaker's picker shows the voice the dub gave them; another is saved for the next render.
        var pickers = page.Locator("#speaker-voice-list select");
        Assert.Equal(2, await pickers.CountAsync());
        var cast = (await client.GetCuesAsync(job.Id, "es")).Voices!;
        Assert.Equal(cast["S1"], await pickers.First.InputValueAsync());
        var offered = await pickers.First.Locator("option").EvaluateAllAsync<string[]>("options => options.map(o => o.value)");
        var other = offered.First(voice => voice != cast["S1"] && voice != cast["S2"]);
        await pickers.First.SelectOptionAsync(other);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Assertions.Expect(page.Locator("#cue-status")).ToContainTextAsync("Saved 1 voice");
        var saved = await client.GetCuesAsync(job.Id, "es");
        Assert.Equal((other, cast["S2"], true), (saved.Voices!["S1"], saved.Voices["S2"], saved.Changed));

        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(
            results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} ({string.Join(", ", violation.Nodes.Select(node => node.Target))})")));
    }

    [Fact]
    public async Task The_page_meets_accessibility_rules_and_works_from_the_keyboard()
    {
        await using var server = await TestServer.StartAsync(TestServer.Settings());
        var page = await NewPageAsync(server);
        var response = await page.GotoAsync("/");
        Assert.Contains("default-src 'self'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("input[name=target][value=es]")).ToBeVisibleAsync();
        // Bridged targets say so, and targets without a voice say they are subtitles only.
        await Assertions.Expect(page.Locator("label:has(input[name=target][value=fr])")).ToContainTextAsync("via Spanish");
        await Assertions.Expect(page.Locator("label:has(input[name=target][value=oc])")).ToContainTextAsync("subtitles only");
        await Assertions.Expect(page.Locator("label:has(input[name=target][value=es])")).Not.ToContainTextAsync("via");

        // Tab reaches the file chooser first, then the language, each with its label.
        await page.Keyboard.PressAsync("Tab"); // skip link
        await page.Keyboard.PressAsync("Tab"); // API reference
        await page.Keyboard.PressAsync("Tab"); // API key
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("file", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Spoken language")).ToBeFocusedAsync();

        // Every WCAG 2.1 A and AA rule axe-core checks, with the options open too.
        await page.Locator("details.options summary").ClickAsync();
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
        Assert.True(
            results.Violations.Length == 0,
            string.Join("\n", results.Violations.Select(violation => $"{violation.Id}: {violation.Help} ({string.Join(", ", violation.Nodes.Select(node => node.Target))})")));
        Assert.NotEmpty(results.Passes);
    }

    private async Task<IPage> NewPageAsync(TestServer server)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = server.BaseAddress.ToString(), Locale = "en-US" });
        return await context.NewPageAsync();
    }

    private static async Task<string[]> Values(IPage page, string selector) =>
        await page.Locator(selector).EvaluateAllAsync<string[]>("options => options.map(option => option.value)");
}
