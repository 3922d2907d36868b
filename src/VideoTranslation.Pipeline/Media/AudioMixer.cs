using VideoTranslation.Pipeline.Tools;

namespace VideoTranslation.Pipeline.Media;

/// <summary>
/// Makes a language's audio track: the dub alone, or the dub over the original audio, which is ducked
/// (compressed by the dub through a sidechain) only while the dub speaks. Encoded as AAC, ready to mux, with ffmpeg's
/// fast AAC coder: encoding is most of a mix's time (10 minutes of stereo: 11 s with the default coder, 5 s with this
/// one, here), a render mixes every changed language again, and at 160 kb/s the difference is not heard in speech.
/// </summary>
public static class AudioMixer
{
    public static Task MixAsync(string input, MediaInfo media, string dubWav, bool keepOriginalAudio, string outputM4a, CancellationToken cancellationToken)
    {
        const string Stereo48k = "aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo";
        List<string> arguments = ["-nostdin", "-v", "error", "-y", .. media.Input(input), .. ContainerFormats.Input(dubWav, "wav")];
        if (keepOriginalAudio && media.Audio is { } original)
        {
            arguments.AddRange(
            [
                "-filter_complex",
                $"[1:a]{Stereo48k},asplit=2[sidechain][dub];" +
                $"[0:{original.Index}]{Stereo48k}[original];" +
                "[original][sidechain]sidechaincompress=threshold=0.02:ratio=12:attack=10:release=350[ducked];" +
                "[ducked][dub]amix=inputs=2:duration=first:normalize=0[mix]",
                "-map", "[mix]",
            ]);
        }
        else
        {
            arguments.AddRange(["-filter_complex", $"[1:a]{Stereo48k}[mix]", "-map", "[mix]"]);
        }

        arguments.AddRange(["-t", media.Duration.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture), "-c:a", "aac", "-aac_coder", "fast", "-b:a", "160k", outputM4a]);
        return ExternalTool.RunAsync("ffmpeg", arguments, cancellationToken);
    }
}
