using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.IntegrationTests.Recognition;

/// <summary>
/// The Whisper engine's real loading code (Whisper.net with its native runtime). No model weights can be had on
/// these machines (../shared/models/README.md), so these tests cover what a user without a usable model sees.
/// </summary>
public sealed class WhisperRecognizerTests : IDisposable
{
    private static readonly LanguageCode English = LanguageCode.Parse("en");
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Without_a_model_it_fails_naming_the_setting_to_fix()
    {
        var recognizer = new WhisperRecognizer(new WhisperOptions());

        Assert.False(recognizer.Supports(English));
        var error = await Assert.ThrowsAsync<ToolException>(() => recognizer.RecognizeAsync(TestMedia.JfkWav, English, default));

        Assert.True(error.IsMissing);
        Assert.Contains("Recognition:Whisper:ModelPath", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_model_is_reported_as_such()
    {
        var junk = Path.Combine(directory.Path, "ggml-base.bin");
        await File.WriteAllBytesAsync(junk, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        var recognizer = new WhisperRecognizer(new WhisperOptions { ModelPath = junk });

        var error = await Assert.ThrowsAsync<ToolException>(() => recognizer.RecognizeAsync(TestMedia.JfkWav, English, default));

        Assert.Contains("could not be loaded", error.Message, StringComparison.Ordinal);
        Assert.IsType<Whisper.net.WhisperModelLoadException>(error.InnerException);
    }

    [Fact]
    public void An_english_only_model_supports_only_english()
    {
        var model = Path.Combine(directory.Path, "ggml-tiny.en.bin");
        File.WriteAllBytes(model, [0]);
        var recognizer = new WhisperRecognizer(new WhisperOptions { ModelPath = model });

        Assert.True(recognizer.Supports(English));
        Assert.False(recognizer.Supports(LanguageCode.Parse("es")));
    }

    [Fact]
    public async Task A_configured_download_is_kept_only_when_its_checksum_matches()
    {
        var model = Enumerable.Range(0, 10_000).Select(i => (byte)(i * 7)).ToArray();
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(model));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var host = builder.Build();
        host.MapGet("/ggml-test.bin", () => Results.Bytes(model));
        await host.StartAsync();
        using var http = new HttpClient();
        var url = new Uri(host.Urls.Single() + "/ggml-test.bin");

        var wrongPath = Path.Combine(directory.Path, "wrong", "ggml-test.bin");
        var wrong = new WhisperRecognizer(new WhisperOptions { ModelPath = wrongPath, ModelUrl = url, ModelSha256 = new string('0', 64) }, http);
        var mismatch = await Assert.ThrowsAsync<ToolException>(() => wrong.EnsureModelAsync(default));
        Assert.Contains("discarded", mismatch.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(wrongPath));
        Assert.Empty(Directory.EnumerateFiles(Path.GetDirectoryName(wrongPath)!));

        var rightPath = Path.Combine(directory.Path, "right", "ggml-test.bin");
        var right = new WhisperRecognizer(new WhisperOptions { ModelPath = rightPath, ModelUrl = url, ModelSha256 = sha256 }, http);
        await right.EnsureModelAsync(default);
        Assert.Equal(model, await File.ReadAllBytesAsync(rightPath));

        // The bytes are not a real model: loading then fails with its own clear message.
        var load = await Assert.ThrowsAsync<ToolException>(() => right.RecognizeAsync(TestMedia.JfkWav, English, default));
        Assert.Contains("could not be loaded", load.Message, StringComparison.Ordinal);
    }
}
