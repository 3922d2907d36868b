using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.OpenAi;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.IntegrationTests.OpenAi;

/// <summary>The OpenAI-compatible engines over real HTTP against a local OpenAI-compatible server.</summary>
public sealed class OpenAiEngineTests : IAsyncLifetime, IDisposable
{
    private static readonly LanguageCode English = LanguageCode.Parse("en");
    private static readonly LanguageCode Spanish = LanguageCode.Parse("es");

    private readonly TempDirectory directory = new();
    private readonly HttpClient http = new();
    private FakeOpenAiServer server = null!;
    private OpenAiOptions options = null!;

    public async Task InitializeAsync()
    {
        server = await FakeOpenAiServer.StartAsync();
        options = new OpenAiOptions { BaseUrl = server.BaseUrl, ApiKey = "sk-test", TranslationBatchSize = 2 };
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    public void Dispose()
    {
        http.Dispose();
        directory.Dispose();
    }

    [Fact]
    public async Task Recognition_reads_word_timings_and_sends_model_language_and_key()
    {
        var transcript = await new OpenAiRecognizer(http, options).RecognizeAsync(TestMedia.JfkWav, English, default);

        Assert.True(transcript.HasPunctuation);
        Assert.Equal(["Hello there.", "How are you?"], transcript.Segments.Select(s => s.Text));
        Assert.Equal(TimeSpan.FromSeconds(2.8), transcript.Segments[1].Words[2].Start);
        Assert.Contains("model=whisper-1", server.TranscriptionFields);
        Assert.Contains("language=en", server.TranscriptionFields);
        Assert.Contains("Bearer sk-test", server.Authorizations);
    }

    [Fact]
    public async Task Translation_goes_in_batches_with_neighbouring_sentences_as_context_and_keeps_glossary_terms()
    {
        var glossary = new Glossary(new Dictionary<string, string> { ["Acme Widget"] = "Widget Acme" });
        string[] sentences = ["One.", "Two.", "We love the Acme Widget.", "Four."];

        var translated = await new OpenAiTranslator(http, options).TranslateAsync(sentences, English, Spanish, glossary, default);

        Assert.Equal(["[es] One.", "[es] Two.", "[es] We love the Widget Acme.", "[es] Four."], translated);
        var second = server.ChatRequests.ElementAt(1);
        Assert.Equal(["One.", "Two."], second.GetProperty("context_before").EnumerateArray().Select(e => e.GetString()));
        Assert.DoesNotContain("Acme", second.GetProperty("sentences")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_answer_falls_back_to_one_sentence_at_a_time()
    {
        server.AnswerMalformed(1);

        var translated = await new OpenAiTranslator(http, options).TranslateAsync(["One.", "Two."], English, Spanish, Glossary.Empty, default);

        Assert.Equal(["[es] One.", "[es] Two."], translated);
        Assert.Equal(3, server.ChatRequests.Count); // the failed batch, then each sentence
    }

    [Fact]
    public async Task Answers_that_never_parse_fail_the_attempt()
    {
        server.AnswerMalformed(100);

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new OpenAiTranslator(http, options).TranslateAsync(["One."], English, Spanish, Glossary.Empty, default));
    }

    [Theory]
    [InlineData("{\"translations\": [\"a\", \"b\"]}", 2, true)]
    [InlineData("```json\n{\"translations\": [\"a\"]}\n```", 1, true)]
    [InlineData("Here you go: {\"translations\": [\"a\"]} Hope that helps!", 1, true)]
    [InlineData("{\"translations\": [\"a\"]}", 2, false)]
    [InlineData("{\"translations\": [\"a\", 3]}", 2, false)]
    [InlineData("{\"result\": [\"a\"]}", 1, false)]
    [InlineData("no json at all", 1, false)]
    [InlineData("{\"translations\": [\"a\"", 1, false)]
    public void Model_answers_are_read_tolerantly_but_strictly(string content, int expected, bool usable)
    {
        Assert.Equal(usable, OpenAiTranslator.ParseTranslations(content, expected) is not null);
    }

    [Fact]
    public async Task Speech_is_written_as_a_wav_file()
    {
        var wav = Path.Combine(directory.Path, "speech.wav");

        await new OpenAiSynthesizer(http, options).SynthesizeAsync("Hola a todos", Spanish, voice: null, wav, default);

        Assert.Equal(1.5, WavFile.Duration(wav).TotalSeconds, precision: 2);
    }

    [Fact]
    public async Task Without_a_server_configured_each_engine_names_the_setting()
    {
        var unconfigured = new OpenAiOptions();

        Assert.False(new OpenAiTranslator(http, unconfigured).Supports(English, Spanish));
        var error = await Assert.ThrowsAsync<ToolException>(() => new OpenAiSynthesizer(http, unconfigured).SynthesizeAsync("x", Spanish, null, Path.Combine(directory.Path, "x.wav"), default));
        Assert.Contains("OpenAi:BaseUrl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_configured_for_openai_engines_translates_an_upload_with_them()
    {
        var settings = TestServer.Settings();
        settings["Engines:Recognition"] = "openai";
        settings["Engines:Translation"] = "openai";
        settings["Engines:Synthesis"] = "openai";
        settings["OpenAi:BaseUrl"] = server.BaseUrl;
        await using var vts = await TestServer.StartAsync(settings);
        using var client = vts.CreateClient(TestServer.FastPolling(timeoutSeconds: 120));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Anything at all.", seconds: 5);

        var job = await client.WaitForVideoJobAsync((await client.StartVideoTranslationAsync(video, new VideoTranslation.Client.VideoTranslationOptions { TargetLanguages = { "ja" } })).Id);

        await using var srt = await client.OpenArtifactAsync(job.Id, "ja.srt");
        var text = await new StreamReader(srt).ReadToEndAsync();
        Assert.Contains("[ja] Hello there.", text, StringComparison.Ordinal);
        Assert.Contains("[ja] How are you?", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_with_source_language_auto_is_translated_from_the_detected_language()
    {
        var settings = TestServer.Settings();
        settings["Engines:Recognition"] = "openai";
        settings["OpenAi:BaseUrl"] = server.BaseUrl;
        await using var vts = await TestServer.StartAsync(settings);
        using var client = vts.CreateClient(TestServer.FastPolling(timeoutSeconds: 120));
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Anything at all.", seconds: 5);
        var options = new VideoTranslation.Client.VideoTranslationOptions { SourceLanguage = "auto", TargetLanguages = { "es" } };

        var job = await client.WaitForVideoJobAsync((await client.StartVideoTranslationAsync(video, options)).Id);

        Assert.Equal("auto", job.SourceLanguage);
        Assert.DoesNotContain(server.TranscriptionFields, field => field.StartsWith("language=", StringComparison.Ordinal));
        await using var transcript = await client.OpenArtifactAsync(job.Id, "transcript.json");
        Assert.Contains("\"language\": \"en\"", await new StreamReader(transcript).ReadToEndAsync(), StringComparison.Ordinal);
        var output = Path.Combine(directory.Path, "auto.mp4");
        await client.DownloadArtifactAsync(job.Id, "output.mp4", output);
        Assert.Equal(["spa", "eng"], (await MediaProber.ProbeAsync(output, default)).AudioStreams.Select(a => a.Language));
    }
}
