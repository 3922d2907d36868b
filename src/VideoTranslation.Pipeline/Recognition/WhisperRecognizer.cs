using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Tools;
using Whisper.net;

namespace VideoTranslation.Pipeline.Recognition;

/// <summary>
/// OpenAI Whisper through Whisper.net (whisper.cpp): multilingual, with punctuation and casing, so sentences come
/// from the text itself. Runs offline given a GGML model file (<see cref="WhisperOptions.ModelPath"/>); without
/// one it fails with a message naming that setting.
/// </summary>
public sealed class WhisperRecognizer(WhisperOptions options, HttpClient? downloads = null) : ISpeechRecognizer
{
    public string Name => "whisper";

    /// <summary>Any language, detection included, given a multilingual model; English only with an <c>.en</c> model.</summary>
    public bool Supports(LanguageCode language) =>
        (File.Exists(options.ModelPath) || options.ModelUrl is not null)
        && (language.Language == "en" || !Path.GetFileName(options.ModelPath ?? "").Contains(".en.", StringComparison.Ordinal));

    public async Task<Transcript> RecognizeAsync(string wavPath, LanguageCode language, CancellationToken cancellationToken)
    {
        await EnsureModelAsync(cancellationToken);
        var (factory, processor) = Load(language);
        using var ownedFactory = factory;
        await using var ownedProcessor = processor;
        await using var audio = File.OpenRead(wavPath);

        var segments = new List<TranscriptSegment>();
        var detected = language.Value;
        await foreach (var segment in processor.ProcessAsync(audio, cancellationToken))
        {
            if (language.IsAuto && LanguageCode.TryParse(segment.Language, out var found, out _))
            {
                detected = found.Value;
            }

            var words = segment.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            // Whisper times segments; spread the segment's words evenly over it.
            var step = (segment.End - segment.Start) / words.Length;
            segments.Add(new TranscriptSegment(segment.Start, segment.End,
                [.. words.Select((word, i) => new TranscribedWord(word, segment.Start + (step * i), segment.Start + (step * (i + 1)), segment.Probability))]));
        }

        return new Transcript(detected, Name, HasPunctuation: true, segments);
    }

    /// <summary>
    /// Downloads the model to <see cref="WhisperOptions.ModelPath"/> when it is missing and a URL and checksum are
    /// configured; the file is kept only if its SHA-256 matches.
    /// </summary>
    public async Task EnsureModelAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(options.ModelPath) || options.ModelUrl is null || string.IsNullOrWhiteSpace(options.ModelPath))
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(options.ModelSha256) || downloads is null)
        {
            throw new ToolException(Name, $"Downloading {options.ModelUrl} needs {WhisperOptions.SectionName}:ModelSha256, the model's published checksum.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(options.ModelPath))!);
        var partial = options.ModelPath + ".download";
        try
        {
            using (var response = await downloads.GetAsync(options.ModelUrl, HttpCompletionOption.ResponseHeadersRead, cancellationToken))
            {
                response.EnsureSuccessStatusCode();
                await using var file = File.Create(partial);
                await response.Content.CopyToAsync(file, cancellationToken);
            }

            string actual;
            await using (var file = File.OpenRead(partial))
            {
                actual = Convert.ToHexStringLower(await System.Security.Cryptography.SHA256.HashDataAsync(file, cancellationToken));
            }

            if (!actual.Equals(options.ModelSha256.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new ToolException(Name, $"The model downloaded from {options.ModelUrl} has SHA-256 {actual}, not the configured {options.ModelSha256}; it was discarded.");
            }

            File.Move(partial, options.ModelPath, overwrite: false);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Loads the model (Whisper.net does so lazily, when the processor is built) or explains why it cannot.</summary>
    private (WhisperFactory Factory, WhisperProcessor Processor) Load(LanguageCode language)
    {
        if (string.IsNullOrWhiteSpace(options.ModelPath) || !File.Exists(options.ModelPath))
        {
            throw new ToolException(Name,
                $"The whisper recognizer needs a GGML model file, and {(string.IsNullOrWhiteSpace(options.ModelPath) ? "none is configured" : $"'{options.ModelPath}' does not exist")}. " +
                $"Set {WhisperOptions.SectionName}:ModelPath (environment: VTS_{WhisperOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__ModelPath) to a model such as ggml-base.bin.");
        }

        var factory = WhisperFactory.FromPath(options.ModelPath);
        try
        {
            return (factory, factory.CreateBuilder().WithLanguage(language.Language).Build());
        }
        catch (WhisperModelLoadException ex)
        {
            factory.Dispose();
            throw new ToolException(Name, $"The whisper model '{options.ModelPath}' could not be loaded ({ex.Message}); it must be a GGML model file such as ggml-base.bin.", innerException: ex);
        }
    }
}
