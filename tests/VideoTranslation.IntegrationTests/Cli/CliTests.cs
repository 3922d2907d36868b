using System.Text.Json;
using VideoTranslation.Client;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Cli;

/// <summary>The real <c>vts</c> program: output and exit codes of the client-side commands, help, and the demo.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Translate_waits_and_exits_0_when_the_job_completes()
    {
        await using var server = await TestServer.StartAsync();

        var (exit, stdout, stderr) = await VtsProcess.RunAsync("translate", "--from", "en", "--to", "es", "--server", server.BaseAddress.ToString());

        Assert.True(exit == 0, stderr);
        Assert.Contains("completed", stdout, StringComparison.Ordinal);
        Assert.Contains("en -> es", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_exits_1_and_prints_the_error_when_the_job_fails()
    {
        await using var server = await TestServer.StartAsync(errorRate: 1);

        var (exit, stdout, _) = await VtsProcess.RunAsync("translate", "-f", "en", "-t", "de", "-s", server.BaseAddress.ToString());

        Assert.Equal(1, exit);
        Assert.Contains("Simulated failure", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_rejects_an_unknown_language_with_exit_4_and_the_servers_reason()
    {
        await using var server = await TestServer.StartAsync();

        var (exit, _, stderr) = await VtsProcess.RunAsync("translate", "--from", "en", "--to", "xx", "--server", server.BaseAddress.ToString());

        Assert.Equal(4, exit);
        Assert.Contains("'xx' is not a known language", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_prints_json_and_wait_times_out_with_exit_2()
    {
        await using var server = await TestServer.StartAsync(minSeconds: 60, maxSeconds: 60);
        var url = server.BaseAddress.ToString();

        var (started, startOut, _) = await VtsProcess.RunAsync("translate", "--from", "en", "--to", "fr", "--no-wait", "--json", "--server", url);
        Assert.Equal(0, started);
        var jobId = JsonDocument.Parse(startOut).RootElement.GetProperty("job_id").GetString()!;

        var (statusExit, statusOut, _) = await VtsProcess.RunAsync("status", jobId, "--json", "--server", url);
        Assert.Equal(0, statusExit);
        Assert.Equal("pending", JsonDocument.Parse(statusOut).RootElement.GetProperty("status").GetString());

        var (waitExit, _, waitErr) = await VtsProcess.RunAsync("wait", jobId, "--timeout", "0.5", "--server", url);
        Assert.Equal(2, waitExit);
        Assert.Contains("did not finish within 0.5 s", waitErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Webhook_secret_prints_the_servers_signing_secret_and_keeps_it()
    {
        using var data = new TempDirectory();
        var (exit, first, _) = await VtsProcess.RunAsync("webhook-secret", "--data", data.Path);
        var (_, second, _) = await VtsProcess.RunAsync("webhook-secret", "--data", data.Path);

        Assert.Equal(0, exit);
        Assert.StartsWith("whsec_", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
        Assert.Equal(32, Convert.FromBase64String(first.Trim()["whsec_".Length..]).Length);
    }

    [Fact]
    public async Task Status_of_an_unknown_job_exits_4_and_an_unreachable_server_exits_3()
    {
        await using var server = await TestServer.StartAsync();

        var (unknown, _, unknownErr) = await VtsProcess.RunAsync("status", "no-such-job", "--server", server.BaseAddress.ToString());
        Assert.Equal(4, unknown);
        Assert.Contains("No job with id 'no-such-job'", unknownErr, StringComparison.Ordinal);

        var (unreachable, _, unreachableErr) = await VtsProcess.RunAsync("status", "x", "--server", FreePort.NothingListening().ToString());
        Assert.Equal(3, unreachable);
        Assert.Contains("Could not reach the server", unreachableErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_help_documents_every_option()
    {
        var (exit, stdout, _) = await VtsProcess.RunAsync("serve", "--help");

        Assert.Equal(0, exit);
        foreach (var option in new[] { "--urls", "--data", "--workers", "--no-workers", "--lease-seconds", "--max-attempts",
                     "--sim-min-seconds", "--sim-max-seconds", "--sim-error-rate", "--sim-time-scale", "--log-level", "--log-format" })
        {
            Assert.Contains(option, stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Serve_refuses_invalid_settings_with_a_message_naming_them()
    {
        using var data = new TempDirectory();

        var (exit, stdout, stderr) = await VtsProcess.RunAsync(
            "serve", "--urls", "http://127.0.0.1:0", "--data", data.Path, "--sim-min-seconds", "10", "--sim-max-seconds", "1");

        Assert.NotEqual(0, exit);
        Assert.Contains("Simulation:MaxSeconds (1) must not be less than Simulation:MinSeconds (10)", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_are_created_once_listed_without_secrets_used_by_the_client_commands_and_revoked()
    {
        using var data = new TempDirectory();
        var (created, token, _) = await VtsProcess.RunAsync("keys", "create", "--data", data.Path, "--tenant", "acme", "--name", "ci");
        Assert.Equal(0, created);
        token = token.Trim();
        Assert.StartsWith("vts_", token, StringComparison.Ordinal);
        var id = token.Split('_')[1];

        var (_, listed, _) = await VtsProcess.RunAsync("keys", "list", "--data", data.Path, "--json");
        var key = Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
        Assert.Equal((id, "acme", "ci"), (key.GetProperty("id").GetString(), key.GetProperty("tenant").GetString(), key.GetProperty("name").GetString()));
        Assert.DoesNotContain(token.Split('_', 3)[2], listed, StringComparison.Ordinal);

        var (server, url) = await VtsProcess.ServeAsync("--data", data.Path, "--sim-min-seconds", "0.05", "--sim-max-seconds", "0.1", "--sim-error-rate", "0");
        await using (server)
        {
            await server.WaitForOutputAsync($"Web page: {url.ToString().TrimEnd('/')}/", TimeSpan.FromSeconds(30)); // told where to go

            // Keys exist but this loopback server runs open; a presented key is still checked.
            var (translated, _, _) = await VtsProcess.RunAsync("translate", "-f", "en", "-t", "es", "--server", url.ToString(), "--api-key", token);
            Assert.Equal(0, translated);
            Assert.Equal(0, (await VtsProcess.RunAsync("keys", "revoke", id, "--data", data.Path)).ExitCode);
            var (refused, _, error) = await VtsProcess.RunAsync("translate", "-f", "en", "-t", "es", "--server", url.ToString(), "--api-key", token);
            Assert.Equal(4, refused);
            Assert.Contains("revoked", error, StringComparison.Ordinal);
        }

        var (unknown, _, _) = await VtsProcess.RunAsync("keys", "revoke", "000000000000", "--data", data.Path);
        Assert.Equal(4, unknown);
    }

    [Fact]
    public async Task Bash_completion_completes_commands_and_options_from_vts_itself()
    {
        using var bin = new TempDirectory();
        var vts = Path.Combine(bin.Path, "vts");
        await File.WriteAllTextAsync(vts, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "vts.dll")}' \"$@\"\n");
        await ExternalTool.RunAsync("chmod", ["+x", vts], default);
        const string Script = """
            source <(vts completion bash)
            complete_at() { COMP_LINE="$1"; COMP_POINT=${#1}; read -ra COMP_WORDS <<< "$1"; COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 )); _vts_complete; echo "${COMPREPLY[*]}"; }
            complete_at "vts wor"
            complete_at "vts serve --wo"
            """;

        var result = await ExternalTool.RunAsync(
            "bash", ["-c", $"export PATH='{bin.Path}':\"$PATH\"; {Script}"], default, limits: new ToolLimits(TimeSpan.FromMinutes(2), 0));

        Assert.Equal(["worker workers", "--workers"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData("zsh", "source <(vts completion zsh); compadd() { shift; print -l -- \"$@\"; }; words=(vts wor); CURRENT=2; _vts; words=(vts serve --wo); CURRENT=3; _vts")]
    [InlineData("fish", "vts completion fish | source; complete -C 'vts wor'; complete -C 'vts serve --wo'")]
    public async Task Zsh_and_fish_completion_complete_commands_and_options_from_vts_itself(string shell, string script)
    {
        using var bin = new TempDirectory();
        var vts = Path.Combine(bin.Path, "vts");
        await File.WriteAllTextAsync(vts, $"#!/bin/sh\nexec dotnet '{Path.Combine(AppContext.BaseDirectory, "vts.dll")}' \"$@\"\n");
        await ExternalTool.RunAsync("chmod", ["+x", vts], default);

        // zsh offers compadd only inside a completion widget; here it prints what the script offers.
        var result = await ExternalTool.RunAsync(
            shell, ["-c", $"export PATH='{bin.Path}':\"$PATH\"; {script}"], default, limits: new ToolLimits(TimeSpan.FromMinutes(2), 0));

        // fish prints each completion with its description after a tab.
        Assert.Equal(["worker", "workers", "--workers"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('\t')[0]));
    }

    [Theory]
    [InlineData("statsu")]
    [InlineData("wait", "some-job", "--timeout", "soon")]
    [InlineData("status")]
    public async Task A_wrong_command_line_exits_64_and_says_what_was_meant(params string[] args)
    {
        var (exit, stdout, stderr) = await VtsProcess.RunAsync(args);

        Assert.Equal(64, exit); // never 1, which means a job failed
        Assert.NotEmpty(stderr);
        if (args[0] == "statsu")
        {
            Assert.Contains("status", stdout + stderr, StringComparison.Ordinal); // did you mean
        }
    }

    [Fact]
    public async Task Worker_refuses_a_queue_that_does_not_exist_and_lists_the_queues()
    {
        using var data = new TempDirectory();

        var (exit, stdout, stderr) = await VtsProcess.RunAsync("worker", "--data", data.Path, "--queues", "recognition,gpu");

        Assert.Equal(5, exit);
        Assert.Contains("Workers:Queues names 'gpu', which is not a queue. Queues: simulated, recognition, translation, synthesis.", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_runs_its_own_server_and_summarizes()
    {
        using var directory = new TempDirectory();
        var (exit, stdout, stderr) = await VtsProcess.RunInDirectoryAsync(directory.Path, "demo", "--jobs", "4", "--sim-min-seconds", "0.1", "--sim-max-seconds", "0.3", "--sim-error-rate", "0.5");

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("Summary", stdout, StringComparison.Ordinal);
        Assert.Contains("Iremos a la playa mañana.", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(directory.Path, "vts-demo", "sample.translated.mp4")));
        Assert.Contains("returned the same job", stdout, StringComparison.Ordinal);
        Assert.Contains("refused with 422", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_a_video_in_process_writes_subtitles_dub_and_the_muxed_video()
    {
        using var directory = new TempDirectory();
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);

        var (exit, stdout, stderr) = await VtsProcess.RunAsync("translate", video, "--to", "es", "--out", Path.Combine(directory.Path, "out"));

        Assert.True(exit == 0, stdout + stderr);
        foreach (var file in new[] { "video.translated.mp4", "video.transcript.json", "video.source.srt", "video.es.srt", "video.es.vtt", "video.es.dub.m4a", "video.es.dubbing-report.json" })
        {
            Assert.Contains(file, stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(directory.Path, "out", file)), file);
        }

        Assert.False(Directory.Exists(Path.Combine(directory.Path, "out", ".work")));
        Assert.Contains("La casa es muy grande.", await File.ReadAllTextAsync(Path.Combine(directory.Path, "out", "video.es.srt")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_in_process_uses_the_engines_configuration_chooses_like_the_server()
    {
        using var directory = new TempDirectory();
        await using var openAi = await OpenAi.FakeOpenAiServer.StartAsync();
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);

        var (exit, stdout, stderr) = await VtsProcess.RunWithAsync(
            null,
            new Dictionary<string, string?> { ["VTS_Engines__Translation"] = "openai", ["VTS_OpenAi__BaseUrl"] = openAi.BaseUrl },
            "translate", video, "--to", "es", "--no-dub", "--out", Path.Combine(directory.Path, "out"));

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("[es] ", await File.ReadAllTextAsync(Path.Combine(directory.Path, "out", "video.es.srt")), StringComparison.Ordinal);
        Assert.NotEmpty(openAi.ChatRequests);

        var (refused, _, error) = await VtsProcess.RunWithAsync(
            null, new Dictionary<string, string?> { ["VTS_Engines__Translation"] = "babelfish" }, "translate", video, "--to", "es", "--out", Path.Combine(directory.Path, "out2"));
        Assert.Equal(5, refused);
        Assert.Contains("Engines:Translation", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Translate_a_video_with_json_prints_one_document_of_what_it_wrote(bool throughServer)
    {
        using var directory = new TempDirectory();
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        await using var server = throughServer ? await TestServer.StartAsync() : null;
        string[] where = server is null ? [] : ["--server", server.BaseAddress.ToString()];

        var (exit, stdout, stderr) = await VtsProcess.RunAsync(["translate", video, "--to", "es", "--out", Path.Combine(directory.Path, "out"), "--json", .. where]);

        Assert.True(exit == 0, stdout + stderr);
        var result = JsonDocument.Parse(stdout).RootElement; // stdout is the document and nothing else
        Assert.Equal(Path.Combine(directory.Path, "out"), result.GetProperty("directory").GetString());
        var files = result.GetProperty("files").EnumerateArray().Select(file => Path.GetFileName(file.GetString()!)).ToList();
        Assert.Contains("video.es.srt", files);
        Assert.Contains("video.translated.mp4", files);
        Assert.DoesNotContain(files, file => file.Contains("original", StringComparison.Ordinal)); // the upload is the input, not a result
        Assert.Equal(throughServer, result.GetProperty("job_id").ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task Translate_refuses_what_is_not_a_video_and_unsupported_pairs_with_clear_errors()
    {
        using var directory = new TempDirectory();
        var notes = Path.Combine(directory.Path, "notes.mp4");
        await File.WriteAllTextAsync(notes, "not a video");
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Hello.", seconds: 2);

        var (notMedia, _, notMediaErr) = await VtsProcess.RunAsync("translate", notes, "--to", "es");
        var (unsupported, _, unsupportedErr) = await VtsProcess.RunAsync("translate", video, "--to", "ja");
        var (missing, _, missingErr) = await VtsProcess.RunAsync("translate", Path.Combine(directory.Path, "nope.mp4"), "--to", "es");

        Assert.Equal(1, notMedia);
        Assert.Contains("not a video or audio format", notMediaErr, StringComparison.Ordinal);
        Assert.Equal(4, unsupported);
        Assert.Contains("Supported: ", unsupportedErr, StringComparison.Ordinal);
        Assert.Equal(4, missing);
        Assert.Contains("no such file", missingErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engines_lists_each_engine_and_whether_it_is_usable_here()
    {
        var (exit, stdout, stderr) = await VtsProcess.RunAsync("engines", "--json");

        Assert.True(exit == 0, stdout + stderr);
        var engines = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!);
        Assert.All(new[] { "ffmpeg", "pocketsphinx", "apertium", "espeak-ng", "simulated" }, name => Assert.True(engines[name].GetProperty("usable").GetBoolean(), name));
        Assert.Contains("en->pt-BR", engines["apertium"].GetProperty("details").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_and_link_fetch_the_files_of_a_job_started_elsewhere()
    {
        await using var server = await TestServer.StartAsync();
        using var directory = new TempDirectory();
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "The house is very big.", seconds: 3);
        using var client = server.CreateClient(TestServer.FastPolling(timeoutSeconds: 180));
        var job = await client.StartVideoTranslationAsync(video, new VideoTranslationOptions { TargetLanguages = { "es" }, Dub = false });
        await client.WaitForVideoJobAsync(job.Id);
        var url = server.BaseAddress.ToString();

        var everything = Path.Combine(directory.Path, "everything");
        var (exit, stdout, stderr) = await VtsProcess.RunAsync("download", job.Id, "--server", url, "--out", everything, "--json");
        Assert.True(exit == 0, stdout + stderr);
        var files = JsonDocument.Parse(stdout).RootElement.GetProperty("files").EnumerateArray().Select(file => Path.GetFileName(file.GetString())).ToList();
        Assert.Superset(new HashSet<string?> { "video.translated.mp4", "video.transcript.json", "video.es.srt", "video.es.vtt" }, files.ToHashSet());
        Assert.DoesNotContain("video.original.mp4", files); // the upload: the file this job started from
        Assert.Contains("casa", await File.ReadAllTextAsync(Path.Combine(everything, "video.es.srt")), StringComparison.OrdinalIgnoreCase);

        var chosen = Path.Combine(directory.Path, "chosen");
        var (onlyExit, onlyOut, onlyErr) = await VtsProcess.RunAsync("download", job.Id, "--server", url, "--out", chosen, "--only", "es.vtt,original.mp4");
        Assert.True(onlyExit == 0, onlyOut + onlyErr);
        Assert.Equal(["video.es.vtt", "video.original.mp4"], Directory.GetFiles(chosen).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var (unknown, _, unknownErr) = await VtsProcess.RunAsync("download", job.Id, "--server", url, "--only", "fr.srt");
        Assert.Equal(4, unknown);
        Assert.Contains("has no artifact 'fr.srt'. It has: ", unknownErr, StringComparison.Ordinal);

        // stdout is the URL alone, and it downloads without the CLI.
        var (linkExit, linkOut, linkErr) = await VtsProcess.RunAsync("link", job.Id, "es.srt", "--server", url, "--expires-in", "600");
        Assert.True(linkExit == 0, linkOut + linkErr);
        Assert.Contains("Works until", linkErr, StringComparison.Ordinal);
        using var http = new HttpClient();
        Assert.Contains("casa", await http.GetStringAsync(linkOut.Trim()), StringComparison.OrdinalIgnoreCase);
        var (tooLong, _, tooLongErr) = await VtsProcess.RunAsync("link", job.Id, "es.srt", "--server", url, "--expires-in", "9999999");
        Assert.Equal(4, tooLong);
        Assert.Contains("expires_in must be between", tooLongErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Translate_a_video_through_a_server_downloads_the_same_files()
    {
        await using var server = await TestServer.StartAsync();
        using var directory = new TempDirectory();
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Good morning everyone. The house is very big.", seconds: 6);

        var (exit, stdout, stderr) = await VtsProcess.RunAsync("translate", video, "--to", "es", "--server", server.BaseAddress.ToString(), "--out", Path.Combine(directory.Path, "out"));

        Assert.True(exit == 0, stdout + stderr);
        foreach (var file in new[] { "video.translated.mp4", "video.transcript.json", "video.es.srt", "video.es.dub.m4a" })
        {
            Assert.True(File.Exists(Path.Combine(directory.Path, "out", file)), file);
        }
    }
}
