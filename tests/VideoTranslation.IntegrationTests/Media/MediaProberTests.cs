using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Pipeline.Media;

namespace VideoTranslation.IntegrationTests.Media;

/// <summary>Probing and audio extraction with the real ffprobe/ffmpeg, on generated media and on broken files.</summary>
public sealed class MediaProberTests : IDisposable
{
    private readonly TempDirectory directory = new();

    public void Dispose() => directory.Dispose();

    [Fact]
    public async Task Probes_a_video_with_speech()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Hello and welcome to the show.", seconds: 4);

        var media = await MediaProber.ProbeAsync(video, default);

        Assert.Equal(4, media.Duration.TotalSeconds, precision: 1);
        var stream = Assert.Single(media.VideoStreams);
        Assert.Equal(("h264", 320, 180, 25.0), (stream.Codec, stream.Width, stream.Height, stream.FramesPerSecond));
        Assert.Equal("aac", Assert.Single(media.AudioStreams).Codec);
    }

    [Fact]
    public async Task Extracts_16_kHz_mono_audio_as_long_as_the_video()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Hello and welcome to the show.", seconds: 4);
        var media = await MediaProber.ProbeAsync(video, default);
        var wav = Path.Combine(directory.Path, "audio.wav");

        var duration = await AudioExtractor.ExtractAsync(video, media, wav, default);

        Assert.Equal(4, duration.TotalSeconds, precision: 1);
        var audio = Assert.Single((await MediaProber.ProbeAsync(wav, default)).AudioStreams);
        Assert.Equal(("pcm_s16le", 1, 16_000), (audio.Codec, audio.Channels, audio.SampleRate));
    }

    [Fact]
    public async Task Probes_plain_audio_files()
    {
        var media = await MediaProber.ProbeAsync(TestMedia.JfkWav, default);

        Assert.Null(media.Video);
        Assert.Equal(11, media.Duration.TotalSeconds, precision: 0);
        Assert.Equal(16_000, media.Audio!.SampleRate);
    }

    [Fact]
    public async Task An_empty_file_is_reported_as_empty()
    {
        var empty = Path.Combine(directory.Path, "empty.mp4");
        await File.WriteAllBytesAsync(empty, []);

        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProber.ProbeAsync(empty, default));
        Assert.Equal(MediaError.Empty, error.Error);
    }

    [Theory]
    [InlineData("notes.mp4", "These are my meeting notes, not a video.")]
    [InlineData("page.html", "<html><body>hello</body></html>")]
    public async Task Something_that_is_not_media_is_reported_as_such(string name, string content)
    {
        var file = Path.Combine(directory.Path, name);
        await File.WriteAllTextAsync(file, content);

        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProber.ProbeAsync(file, default));
        Assert.Equal(MediaError.NotMedia, error.Error);
        Assert.Equal("not_media", error.Code);
        Assert.Contains("not a video or audio format", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_mp4_without_its_index_is_reported_as_truncated()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Hello and welcome to the show.", seconds: 4);

        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProber.ProbeAsync(TestMedia.Truncate(video, 0.5), default));
        Assert.Equal(MediaError.Truncated, error.Error);
        Assert.Contains("Upload the complete file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_fast_start_mp4_is_caught_when_its_audio_stops_early()
    {
        var video = await TestMedia.SpeechVideoAsync(directory.Path, "Hello and welcome to the show.", seconds: 8, fastStart: true);
        var truncated = TestMedia.Truncate(video, 0.5);
        var media = await MediaProber.ProbeAsync(truncated, default); // the index is intact: it announces 8 s

        var error = await Assert.ThrowsAsync<MediaException>(
            () => AudioExtractor.ExtractAsync(truncated, media, Path.Combine(directory.Path, "a.wav"), default));
        Assert.Equal(MediaError.Truncated, error.Error);
        Assert.Contains("of the 8.0 s it announces", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_without_audio_cannot_be_translated()
    {
        var video = await TestMedia.SilentVideoAsync(directory.Path, seconds: 2);
        var media = await MediaProber.ProbeAsync(video, default);

        var error = Assert.Throws<MediaException>(() => MediaProber.RequireTranslatable(media));
        Assert.Equal(MediaError.NoAudio, error.Error);
        Assert.Contains("no audio stream", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_of_zero_length_is_reported_as_such()
    {
        var zero = Path.Combine(directory.Path, "zero.m4a");
        await VideoTranslation.Pipeline.Tools.ExternalTool.RunAsync("ffmpeg",
            ["-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=16000:cl=mono", "-t", "0", "-c:a", "aac", zero], default);

        var error = await Assert.ThrowsAsync<MediaException>(() => MediaProber.ProbeAsync(zero, default));

        Assert.Equal(MediaError.ZeroDuration, error.Error);
        Assert.Equal("zero_duration", error.Code);
    }
}
