namespace VideoTranslation.Pipeline.Media;

/// <summary>
/// The container formats ffmpeg may read a user's file as, and how every ffmpeg run is told so. ffmpeg otherwise
/// detects a format by content whatever the file's name, and some formats are not media but lists of other files:
/// an uploaded "video.mp4" that is an HLS playlist, a concat list or an image sequence pattern makes ffmpeg open
/// files on the server (another job's output, anything the process may read) and hand them back as the job's own.
/// So a file is probed with only these demuxers allowed (<see cref="Whitelist"/>), and every later run names the
/// demuxer the probe found and allows the <c>file</c> protocol alone (<see cref="Input"/>): nothing is detected twice.
/// </summary>
public static class ContainerFormats
{
    /// <summary>
    /// ffmpeg's demuxers for real audio and video containers: MP4/MOV (with M4A, 3GP), Matroska/WebM, AVI, MPEG-TS,
    /// MPEG-PS, FLV, Ogg, ASF/WMV, WAV, MP3, FLAC and AAC. None of them reads another file.
    /// </summary>
    public static IReadOnlyList<string> Demuxers { get; } = ["mov", "matroska", "avi", "mpegts", "mpeg", "flv", "ogg", "asf", "wav", "mp3", "flac", "aac"];

    /// <summary>What ffprobe's <c>-format_whitelist</c> takes: the demuxers, comma-separated.</summary>
    public static string Whitelist { get; } = string.Join(',', Demuxers);

    /// <summary>What users are told a file may be.</summary>
    public const string Described = "MP4, MOV, M4A, Matroska, WebM, AVI, MPEG-TS, MPEG-PS, FLV, Ogg, WMV/ASF, WAV, MP3, FLAC or AAC";

    /// <summary>
    /// The demuxer of ffprobe's <c>format_name</c> (e.g. <c>mov</c> of <c>mov,mp4,m4a,3gp,3g2,mj2</c>), or null when it is
    /// not one of <see cref="Demuxers"/>.
    /// </summary>
    public static string? DemuxerOf(string formatName) =>
        formatName.Split(',')[0] is var demuxer && Demuxers.Contains(demuxer, StringComparer.Ordinal) ? demuxer : null;

    /// <summary>ffmpeg's input options for <paramref name="path"/> read as <paramref name="demuxer"/>, from the local file alone.</summary>
    public static string[] Input(string path, string demuxer) => ["-protocol_whitelist", "file", "-f", demuxer, "-i", path];
}
