using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using VideoTranslation.Server.Artifacts;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Api.V1;

/// <summary>
/// Reads a <c>multipart/form-data</c> job request section by section: files are streamed straight to the job's
/// directory (never held in memory); only the fields <see cref="UploadFields"/> lists are read, each and all together
/// within its caps, so a request of many or large fields is refused before it costs memory.
/// </summary>
internal sealed class JobUpload : IDisposable
{
    // Hashes the files as they stream past, so telling a retried upload from a different one costs no extra read.
    private readonly System.Security.Cryptography.IncrementalHash files = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);

    private const long MaxSubtitlesBytes = 10 * 1024 * 1024;

    private int fieldBytes;

    public Dictionary<string, List<string>> Fields { get; } = new(StringComparer.Ordinal);

    /// <summary>The video's original file name and where it was stored; null when the request had no <c>file</c>.</summary>
    public (string FileName, string Path)? Video { get; private set; }

    public (string FileName, string Path)? SourceSubtitles { get; private set; }

    public string? Field(string name) => Fields.TryGetValue(name, out var values) ? values[^1] : null;

    /// <summary>SHA-256 of the request: every file's bytes and every field, so two uploads compare equal only when they are the same request.</summary>
    public string Fingerprint()
    {
        using var all = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        all.AppendData(files.GetCurrentHash());
        foreach (var (name, values) in Fields.OrderBy(field => field.Key, StringComparer.Ordinal))
        {
            all.AppendData(Encoding.UTF8.GetBytes($"{name}={string.Join('\u0001', values)}\u0000"));
        }

        return Convert.ToHexStringLower(all.GetHashAndReset());
    }

    public void Dispose() => files.Dispose();

    /// <summary>Reads the request into <paramref name="directory"/>; returns why it was refused, or null.</summary>
    public async Task<SubmissionRejection?> ReadAsync(HttpRequest request, string directory, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 256 } boundary)
        {
            return SubmissionRejection.Malformed("The multipart request needs a valid boundary in its Content-Type.");
        }

        try
        {
            return await ReadSectionsAsync(new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 }, directory, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or (IOException and not BadHttpRequestException))
        {
            // A body cut short or not multipart at all; an oversized one (BadHttpRequestException, 413) goes on up.
            return SubmissionRejection.Malformed($"The multipart body is malformed: {ex.Message}");
        }
    }

    private async Task<SubmissionRejection?> ReadSectionsAsync(MultipartReader reader, string directory, CancellationToken cancellationToken)
    {
        var parts = 0;
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || disposition.Name.Value is not { Length: > 0 } name)
            {
                return SubmissionRejection.Malformed("Every part of the multipart request needs a Content-Disposition with a name.");
            }

            if (++parts > UploadFields.MaxFields + 2)
            {
                return SubmissionRejection.TooLarge($"The request has more than {UploadFields.MaxFields} fields; a job takes one of each field and a voice per target language.");
            }

            var fileName = disposition.FileNameStar.Value ?? disposition.FileName.Value;
            switch (name)
            {
                case UploadFields.File or UploadFields.SourceSubtitles when fileName is not null && (name == UploadFields.File ? Video : SourceSubtitles) is not null:
                    return SubmissionRejection.Malformed($"Only one '{name}' part is allowed.");
                case UploadFields.File when fileName is not null:
                    var video = Path.Combine(directory, JobFiles.InputName(SafeExtension(fileName, ".bin")));
                    await CopyAsync(section.Body, video, long.MaxValue, cancellationToken);
                    Video = (Path.GetFileName(fileName), video);
                    break;
                case UploadFields.SourceSubtitles when fileName is not null:
                    var subtitles = Path.Combine(directory, JobFiles.SourceSubtitlesName(SafeExtension(fileName, ".srt") == ".vtt" ? ".vtt" : ".srt"));
                    if (!await CopyAsync(section.Body, subtitles, MaxSubtitlesBytes, cancellationToken))
                    {
                        return SubmissionRejection.TooLarge($"source_subtitles is larger than {MaxSubtitlesBytes / 1024 / 1024} MiB.");
                    }

                    SourceSubtitles = (Path.GetFileName(fileName), subtitles);
                    break;
                case UploadFields.File or UploadFields.SourceSubtitles:
                    return SubmissionRejection.Malformed($"'{name}' must be a file part (with a filename).");
                case var field when !UploadFields.IsField(field):
                    return SubmissionRejection.UnknownField($"'{ApiProblems.Echo(field)}' is not a field of this endpoint; it takes {UploadFields.Listed}.");
                default:
                    var value = await ReadFieldAsync(section.Body, Math.Min(UploadFields.MaxFieldBytes, UploadFields.MaxTotalFieldBytes - fieldBytes), cancellationToken);
                    if (value is not { } read)
                    {
                        return SubmissionRejection.TooLarge(
                            $"The field '{name}' is too large: a field holds at most {UploadFields.MaxFieldBytes / 1024} KiB, and all fields together {UploadFields.MaxTotalFieldBytes / 1024} KiB.");
                    }

                    fieldBytes += read.Length;
                    (Fields.TryGetValue(name, out var values) ? values : Fields[name] = []).Add(read.Text);
                    break;
            }
        }

        return null;
    }

    /// <summary>Stores a video fetched from elsewhere (<c>source_url</c>) as the upload's; false when it holds more than <paramref name="limit"/> bytes.</summary>
    public async Task<bool> AddVideoAsync(Stream body, string fileName, string directory, long limit, CancellationToken cancellationToken)
    {
        var video = Path.Combine(directory, JobFiles.InputName(SafeExtension(fileName, ".bin")));
        if (!await CopyAsync(body, video, limit, cancellationToken))
        {
            return false;
        }

        Video = (fileName, video);
        return true;
    }

    /// <summary>The extension of a client's file name, kept only if it is short and plain (e.g. <c>.mp4</c>).</summary>
    private static string SafeExtension(string fileName, string fallback)
    {
        var extension = Path.GetExtension(Path.GetFileName(fileName)).ToLowerInvariant();
        return extension.Length is > 1 and <= 6 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : fallback;
    }

    private async Task<bool> CopyAsync(Stream body, string path, long limit, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }

            await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            files.AppendData(buffer, 0, read);
        }

        return true;
    }

    /// <summary>A field's text and its size in bytes; null when it holds more than <paramref name="limit"/> bytes.</summary>
    private static async Task<(string Text, int Length)?> ReadFieldAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return (Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length), (int)buffer.Length);
    }

}
