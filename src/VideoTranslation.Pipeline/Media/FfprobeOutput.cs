using System.Globalization;
using System.Text.Json.Serialization;

namespace VideoTranslation.Pipeline.Media;

/// <summary>The part of <c>ffprobe -print_format json -show_format -show_streams</c> we read.</summary>
internal sealed record FfprobeOutput(
    [property: JsonPropertyName("streams")] List<FfprobeStream>? Streams,
    [property: JsonPropertyName("format")] FfprobeFormat? Format);

internal sealed record FfprobeFormat(
    [property: JsonPropertyName("format_name")] string? FormatName,
    [property: JsonPropertyName("duration")] string? Duration);

internal sealed record FfprobeStream(
    [property: JsonPropertyName("index")] int Index,
    [property: JsonPropertyName("codec_type")] string? CodecType,
    [property: JsonPropertyName("codec_name")] string? CodecName,
    [property: JsonPropertyName("width")] int? Width,
    [property: JsonPropertyName("height")] int? Height,
    [property: JsonPropertyName("avg_frame_rate")] string? AverageFrameRate,
    [property: JsonPropertyName("r_frame_rate")] string? FrameRate,
    [property: JsonPropertyName("channels")] int? Channels,
    [property: JsonPropertyName("sample_rate")] string? SampleRate,
    [property: JsonPropertyName("duration")] string? Duration,
    [property: JsonPropertyName("tags")] Dictionary<string, string>? Tags)
{
    public static TimeSpan? ParseSeconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;

    /// <summary>ffprobe writes rates as fractions, e.g. <c>30000/1001</c>; <c>0/0</c> means unknown.</summary>
    public static double ParseRate(string? value)
    {
        var parts = (value ?? "").Split('/');
        return parts.Length == 2
               && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
               && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
               && denominator > 0
            ? numerator / denominator
            : 0;
    }
}

[JsonSerializable(typeof(FfprobeOutput))]
internal sealed partial class FfprobeJsonContext : JsonSerializerContext;
