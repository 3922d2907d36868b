using System.Globalization;
using System.Text.Json;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Media;
using VideoTranslation.Pipeline.Recognition;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Pipeline.Synthesis;
using VideoTranslation.Pipeline.Tools;
using VideoTranslation.Pipeline.Translation;

namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>
/// Translates one video: probe, extract audio, recognize speech (or read provided subtitles), segment into cues,
/// translate whole sentences and lay them over the cues, synthesize and fit the dub, mix, and mux. Every stage
/// writes its output into the work directory atomically, and a stage whose output is there is skipped: a job
/// retried after a crash resumes where it stopped.
/// </summary>
public sealed class TranslationPipeline(ISpeechRecognizer recognizer, ITranslator translator, ISpeechSynthesizer synthesizer)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async Task<PipelineResult> RunAsync(PipelineRequest request, string work, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(work);
        RequireSupported(request.SourceLanguage, request.TargetLanguages, request.Dub, providedSubtitles: request.SourceSubtitlesPath is not null);
        if (RefuseVoices(request.Voices, request.TargetLanguages).FirstOrDefault() is { Value: { } refused })
        {
            throw new UnsupportedLanguageException(refused, []);
        }

        progress?.Report(new PipelineProgress(PipelineStage.Probing, 0));
        var media = await MediaProber.ProbeAsync(request.InputPath, cancellationToken);
        if (request.MaxMediaDuration is { } limit)
        {
            media = await MeasuredAsync(request.InputPath, media, limit, work, cancellationToken);
        }
        if (request.SourceSubtitlesPath is null || request.KeepOriginalAudio)
        {
            MediaProber.RequireTranslatable(media);
        }

        var rules = new SubtitleRules { FramesPerSecond = media.Video?.FramesPerSecond is > 0 and var fps ? fps : 25 };
        var (segmented, source, sourceTrack) = await SourceAsync(request, media, rules, work, progress, cancellationToken);
        if (request.SourceLanguage.IsAuto)
        {
            // Only now is the source known, and with it whether each pair can be translated.
            RequireTranslatable(source, request.TargetLanguages);
        }

        var sourceCues = segmented.SelectMany(sentence => sentence.Cues).ToList();
        var transcriptPath = PipelineArtifacts.Transcript(work);
        var sourceSrt = PipelineArtifacts.SourceSubtitles(work, SubtitleFormat.Srt);
        var sourceVtt = PipelineArtifacts.SourceSubtitles(work, SubtitleFormat.WebVtt);
        await AtomicFile.WriteTextAsync(sourceSrt, SubtitleWriter.Write(sourceCues, SubtitleFormat.Srt), cancellationToken);
        await AtomicFile.WriteTextAsync(sourceVtt, SubtitleWriter.Write(sourceCues, SubtitleFormat.WebVtt), cancellationToken);

        var results = new List<LanguageResult>();
        var tracks = new List<TranslatedTrack>();
        for (var i = 0; i < request.TargetLanguages.Count; i++)
        {
            var share = (0.45 + (0.45 * i / request.TargetLanguages.Count), 0.45 / request.TargetLanguages.Count);
            var (result, track) = await TranslateAsync(request, source, request.TargetLanguages[i], media, rules, segmented, sourceTrack, work, share, progress, cancellationToken);
            results.Add(result);
            tracks.Add(track);
        }

        var output = PipelineArtifacts.OutputVideo(work, Muxer.OutputExtension(media));
        if (!File.Exists(output))
        {
            Begin(request, PipelineStage.Muxing, 0.9, progress);
            var burn = request.BurnSubtitles ? results[0].Srt : null;
            await AtomicFile.WriteAsync(output, partial => Muxer.MuxAsync(request.InputPath, media, source, tracks, partial, cancellationToken, burn));
        }

        progress?.Report(new PipelineProgress(PipelineStage.Muxing, 1));
        return new PipelineResult(transcriptPath, sourceSrt, sourceVtt, results, output);
    }

    /// <summary>
    /// The media with its length measured against <paramref name="limit"/> (<see cref="MediaProber.RequireAtMostAsync"/>), once
    /// per job: the measurement reads the whole file, so a run resumed or handed on reads what the first one wrote down.
    /// </summary>
    private static async Task<MediaInfo> MeasuredAsync(string input, MediaInfo media, TimeSpan limit, string work, CancellationToken cancellationToken)
    {
        var record = PipelineArtifacts.MeasuredSeconds(work);
        if (File.Exists(record) && double.TryParse(await File.ReadAllTextAsync(record, cancellationToken), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return media with { Duration = TimeSpan.FromSeconds(seconds) };
        }

        media = await MediaProber.RequireAtMostAsync(input, media, limit, cancellationToken);
        await AtomicFile.WriteTextAsync(record, media.Duration.TotalSeconds.ToString("R", CultureInfo.InvariantCulture), cancellationToken);
        return media;
    }

    /// <summary>The languages the engines here can handle, from the same checks as <see cref="RequireSupported"/>.</summary>
    public LanguageSupport DescribeSupport()
    {
        // Engines list pairs as "source->target"; an entry of another form describes pairs they cannot enumerate.
        var pairs = new List<LanguagePairSupport>();
        foreach (var pair in translator.SupportedPairs)
        {
            if (pair.Split("->") is [var from, var to] && LanguageCode.TryParse(from, out var source, out _) && LanguageCode.TryParse(to, out var target, out _))
            {
                pairs.Add(new LanguagePairSupport(source.Value, target.Value, recognizer.Supports(source), synthesizer.Supports(target), translator.BridgeOf(source, target)));
            }
        }

        return new LanguageSupport(
            recognizer.Name, translator.Name, synthesizer.Name, recognizer.Supports(LanguageCode.Auto),
            AnyPair: pairs.Count < translator.SupportedPairs.Count, pairs);
    }

    /// <summary>
    /// Throws <see cref="UnsupportedLanguageException"/> when the engines here cannot handle the languages: before any
    /// work, and before the API accepts a job. With <see cref="LanguageCode.Auto"/> the pairs are checked once detected.
    /// </summary>
    public void RequireSupported(LanguageCode source, IReadOnlyList<LanguageCode> targets, bool dub, bool providedSubtitles)
    {
        if (source.IsAuto && providedSubtitles)
        {
            throw new UnsupportedLanguageException("The source language cannot be detected from provided subtitles; name it instead of 'auto'.", []);
        }

        if (!providedSubtitles && !recognizer.Supports(source))
        {
            throw new UnsupportedLanguageException(source.IsAuto
                ? $"The {recognizer.Name} recognizer cannot detect the language; name the source language, or configure whisper or openai."
                : $"The {recognizer.Name} recognizer cannot recognize '{source}'. Provide source subtitles, or configure another recognizer.", []);
        }

        if (!source.IsAuto)
        {
            RequireTranslatable(source, targets);
        }

        foreach (var target in targets)
        {
            if (dub && !synthesizer.Supports(target))
            {
                throw new UnsupportedLanguageException($"The {synthesizer.Name} synthesizer has no voice for '{target}'. Turn dubbing off for it, or configure another synthesizer.", []);
            }
        }
    }

    /// <summary>
    /// Why each requested voice cannot be used, keyed by its target language tag: a voice for a language the job does
    /// not translate into, or a name the synthesizer does not list. Empty when every voice is fine.
    /// </summary>
    public IReadOnlyDictionary<string, string> RefuseVoices(IReadOnlyDictionary<string, string> voices, IReadOnlyList<LanguageCode> targets)
    {
        var refused = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (language, voice) in voices)
        {
            if (!targets.Any(target => target.Value == language))
            {
                refused[language] = $"'{language}' is not one of the job's target languages; name a voice only for a language it translates into.";
            }
            else if (synthesizer.RefuseVoice(voice) is { } reason)
            {
                refused[language] = reason;
            }
        }

        return refused;
    }

    /// <summary>Whether the synthesizer here has a voice for <paramref name="language"/>.</summary>
    public bool CanSpeak(LanguageCode language) => synthesizer.Supports(language);

    /// <summary>The synthesizer's voices for <paramref name="language"/> that sound apart, lowest first, with their pitch.</summary>
    public async Task<IReadOnlyList<RegisterVoice>> RegisterVoicesAsync(LanguageCode language, CancellationToken cancellationToken) =>
        [.. (await synthesizer.RegisterVoicesAsync(language, cancellationToken)).OrderBy(voice => voice.PitchHz)];

    /// <summary>Why <paramref name="voice"/> is not a voice of the synthesizer here, or null when it is.</summary>
    public string? RefuseVoice(string voice) => synthesizer.RefuseVoice(voice);

    private void RequireTranslatable(LanguageCode source, IReadOnlyList<LanguageCode> targets)
    {
        if (targets.FirstOrDefault(target => !translator.Supports(source, target)) is { Value: not null } unsupported)
        {
            throw new UnsupportedLanguageException(
                $"The {translator.Name} translator cannot translate {source} to {unsupported}. Supported: {string.Join(", ", translator.SupportedPairs)}.",
                translator.SupportedPairs);
        }
    }

    /// <summary>
    /// Reports that <paramref name="stage"/> starts work, or stops the run with <see cref="StageHandOffException"/> when
    /// this run may not do it (everything before is saved, so the run that may do it resumes there).
    /// </summary>
    private static void Begin(PipelineRequest request, PipelineStage stage, double fraction, IProgress<PipelineProgress>? progress, string? language = null)
    {
        if (request.Stages is { } allowed && !allowed.Contains(stage))
        {
            throw new StageHandOffException(stage);
        }

        progress?.Report(new PipelineProgress(stage, fraction, language));
    }

    /// <summary>
    /// The source sentences in cues and the source language (the detected one when asked to detect), with the source
    /// track. A track already in the work directory (an earlier run's, or one a person edited) is used as it is;
    /// otherwise the sentences come from provided subtitles or recognized speech, and the track is written from them.
    /// </summary>
    private async Task<(IReadOnlyList<SentenceCues> Sentences, LanguageCode Source, CueTrack Track)> SourceAsync(
        PipelineRequest request, MediaInfo media, SubtitleRules rules, string work, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var trackPath = PipelineArtifacts.CueTrack(work, CueTrack.SourceTrack);
        if (await CueTrack.ReadAsync(trackPath, cancellationToken) is { } saved)
        {
            var language = request.SourceLanguage.IsAuto
                ? LanguageCode.Parse(TranscriptJson.Deserialize(await File.ReadAllTextAsync(PipelineArtifacts.Transcript(work), cancellationToken)).Language)
                : request.SourceLanguage;
            return (CueTracks.Sentences(saved, new LineBreaker(rules, language.Language)), language, saved);
        }

        var (sentences, source, speakers) = await SegmentedAsync(request, media, rules, work, progress, cancellationToken);
        var track = CueTracks.Source(sentences) with { Speakers = speakers };
        await AtomicFile.WriteTextAsync(trackPath, track.ToJson(), cancellationToken);
        return (sentences, source, track);
    }

    /// <summary>
    /// The source sentences in cues and the speakers, from provided subtitles or recognized speech and the speakers found in
    /// the audio; saves the transcript artifact, its words and segments labelled with their speakers.
    /// </summary>
    private async Task<(IReadOnlyList<SentenceCues> Sentences, LanguageCode Source, IReadOnlyList<SpeakerProfile> Speakers)> SegmentedAsync(
        PipelineRequest request, MediaInfo media, SubtitleRules rules, string work, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var transcriptPath = PipelineArtifacts.Transcript(work);
        if (request.SourceSubtitlesPath is { } subtitles)
        {
            var cues = SubtitleParser.Parse(await File.ReadAllTextAsync(subtitles, cancellationToken));
            var (fromSubtitles, sentences, named) = ProvidedSubtitles.ToSentences(cues, request.SourceLanguage);
            if (request.Dub && media.Audio is not null)
            {
                // The subtitles say who speaks when; the audio says in what register, for casting their voices.
                var audio = await ExtractedAudioAsync(request, media, work, progress, cancellationToken);
                var frames = await Task.Run(() => SpeechFrames.Read(audio, cancellationToken), cancellationToken);
                named = [.. named.Select(speaker => speaker with { MedianPitchHz = Math.Round(frames.MedianPitch(fromSubtitles.Segments
                    .Where(segment => segment.Speaker == speaker.Id)
                    .Select(segment => (segment.Start, segment.End))), 1) })];
            }

            await AtomicFile.WriteTextAsync(transcriptPath, TranscriptJson.Serialize(fromSubtitles), cancellationToken);
            return (sentences, request.SourceLanguage, named);
        }

        Transcript transcript;
        Diarization speakers;
        if (File.Exists(transcriptPath))
        {
            transcript = TranscriptJson.Deserialize(await File.ReadAllTextAsync(transcriptPath, cancellationToken));
            speakers = Diarization.FromJson(await File.ReadAllTextAsync(PipelineArtifacts.Speakers(work), cancellationToken));
        }
        else
        {
            var wav = await ExtractedAudioAsync(request, media, work, progress, cancellationToken);

            Begin(request, PipelineStage.Transcribing, 0.05, progress);
            transcript = await recognizer.RecognizeAsync(wav, request.SourceLanguage, cancellationToken);
            speakers = await SpeakersAsync(request, wav, work, cancellationToken);
            transcript = SpeakerAttribution.Attribute(transcript, speakers);
            await AtomicFile.WriteTextAsync(transcriptPath, TranscriptJson.Serialize(transcript), cancellationToken);
        }

        var source = request.SourceLanguage.IsAuto ? LanguageCode.Parse(transcript.Language) : request.SourceLanguage;
        var split = SentenceSplitter.Split(transcript, rules);
        return (new CueSegmenter(rules, source.Language).Segment(split, media.Duration), source, speakers.Speakers);
    }

    /// <summary>The media's audio as 16 kHz mono WAV in the work directory, extracted once.</summary>
    private static async Task<string> ExtractedAudioAsync(PipelineRequest request, MediaInfo media, string work, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var wav = Path.Combine(work, "audio.wav");
        if (!File.Exists(wav))
        {
            Begin(request, PipelineStage.ExtractingAudio, 0.02, progress);
            await AtomicFile.WriteAsync(wav, partial => AudioExtractor.ExtractAsync(request.InputPath, media, partial, cancellationToken));
        }

        return wav;
    }

    /// <summary>Who speaks when in <paramref name="wav"/>, found once (a resumed run reads it from the work directory).</summary>
    private static async Task<Diarization> SpeakersAsync(PipelineRequest request, string wav, string work, CancellationToken cancellationToken)
    {
        var path = PipelineArtifacts.Speakers(work);
        if (File.Exists(path))
        {
            return Diarization.FromJson(await File.ReadAllTextAsync(path, cancellationToken));
        }

        var frames = await Task.Run(() => SpeechFrames.Read(wav, cancellationToken), cancellationToken);
        var found = request.Speakers == 1 ? Diarization.OneSpeaker(Math.Round(frames.MedianPitch(), 1)) : SpeakerDiarizer.Diarize(frames, request.Speakers);
        await AtomicFile.WriteTextAsync(path, found.ToJson(), cancellationToken);
        return found;
    }

    private async Task<(LanguageResult Result, TranslatedTrack Track)> TranslateAsync(
        PipelineRequest request, LanguageCode source, LanguageCode target, MediaInfo media, SubtitleRules rules, IReadOnlyList<SentenceCues> sentences,
        CueTrack sourceTrack, string work, (double Start, double Size) share, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var directory = PipelineArtifacts.LanguageDirectory(work, target.Value);
        Directory.CreateDirectory(directory);

        var track = await TranslatedTrackAsync(request, source, target, rules, sentences, sourceTrack, work, share, progress, cancellationToken);
        var lines = new LineBreaker(rules, target.Language);
        var trackCues = track.Cues.ToLookup(cue => cue.Sentence);
        var bySentence = Enumerable.Range(0, sentences.Count)
            .Select(s => (IReadOnlyList<Cue>)[.. trackCues[s].Select(cue => CueTracks.ToCue(cue, lines))])
            .ToList();
        var cues = bySentence.SelectMany(group => group).ToList();
        var srt = PipelineArtifacts.Subtitles(work, target.Value, SubtitleFormat.Srt);
        var vtt = PipelineArtifacts.Subtitles(work, target.Value, SubtitleFormat.WebVtt);
        await AtomicFile.WriteTextAsync(srt, SubtitleWriter.Write(cues, SubtitleFormat.Srt), cancellationToken);
        await AtomicFile.WriteTextAsync(vtt, SubtitleWriter.Write(cues, SubtitleFormat.WebVtt), cancellationToken);
        if (!request.Dub)
        {
            return (new LanguageResult(target, srt, vtt, null, null), new TranslatedTrack(target, null, request.MuxSubtitles && !request.BurnSubtitles ? srt : null));
        }

        // Whole sentences are spoken as one utterance over their cues' time (see DubUnits).
        var units = DubUnits.From(bySentence, [.. bySentence.Select(group => string.Join(' ', group.Select(cue => cue.Text)))]);
        var clips = PipelineArtifacts.Clips(work, target.Value);
        Directory.CreateDirectory(clips);
        var voices = await VoicesAsync(request, target, track, sourceTrack, work, cancellationToken);
        var languageVoice = request.Voices.GetValueOrDefault(target.Value);
        var unitVoices = units.Select(unit => voices.GetValueOrDefault(unit.Speaker ?? Diarization.FirstSpeaker) ?? languageVoice).ToList();
        var paths = new List<string>(units.Count);
        var reused = new List<bool>(units.Count);
        var lengths = new List<TimeSpan>(units.Count);
        for (var i = 0; i < units.Count; i++)
        {
            // Named by what is said and how: a render synthesizes only what changed, wherever it moved to.
            var clip = Path.Combine(clips, ClipName(target, unitVoices[i], units[i].Text));
            reused.Add(File.Exists(clip));
            if (!reused[i])
            {
                Begin(request, PipelineStage.Synthesizing, share.Start + (share.Size * 0.1) + (share.Size * 0.6 * i / units.Count), progress, target.Value);
                await AtomicFile.WriteAsync(clip, partial => synthesizer.SynthesizeAsync(units[i].Text, target, unitVoices[i], partial, cancellationToken));
            }

            paths.Add(clip);
            lengths.Add(WavFile.Duration(clip));
        }

        var placements = DubFitter.Fit(units, lengths, media.Duration, request.MaxSpeedUp);
        var report = PipelineArtifacts.DubbingReport(work, target.Value);
        await AtomicFile.WriteTextAsync(report, DubbingReport.Serialize(units, placements, reused, unitVoices), cancellationToken);

        var dub = PipelineArtifacts.DubTrack(work, target.Value);
        var audio = PipelineArtifacts.DubbedAudio(work, target.Value);
        if (!File.Exists(audio))
        {
            Begin(request, PipelineStage.Mixing, share.Start + (share.Size * 0.7), progress, target.Value);
        }

        if (!File.Exists(dub) && !File.Exists(audio))
        {
            var placed = placements.Select(p => (paths[p.Cue], p)).ToList();
            var fitted = Path.Combine(directory, "fitted");
            await AtomicFile.WriteAsync(dub, partial => DubTrackWriter.WriteAsync(partial, media.Duration, placed, cancellationToken, fitted));
        }

        if (!File.Exists(audio))
        {
            await AtomicFile.WriteAsync(audio, partial => AudioMixer.MixAsync(request.InputPath, media, dub, request.KeepOriginalAudio, partial, cancellationToken));
        }

        return (new LanguageResult(target, srt, vtt, audio, report), new TranslatedTrack(target, audio, request.MuxSubtitles && !request.BurnSubtitles ? srt : null));
    }

    /// <summary>
    /// The target language's track: the one in the work directory with its stale sentences translated again (those a
    /// person edited are kept as written), or on a first run the whole translation laid over the source cues.
    /// </summary>
    private async Task<CueTrack> TranslatedTrackAsync(
        PipelineRequest request, LanguageCode source, LanguageCode target, SubtitleRules rules, IReadOnlyList<SentenceCues> sentences,
        CueTrack sourceTrack, string work, (double Start, double Size) share, IProgress<PipelineProgress>? progress, CancellationToken cancellationToken)
    {
        var layout = new TranslationLayout(rules, target.Language);
        var sourceIds = CueTracks.SourceIdsBySentence(sourceTrack, sentences.Count);
        var trackPath = PipelineArtifacts.CueTrack(work, target.Value);
        if (await CueTrack.ReadAsync(trackPath, cancellationToken) is { } saved)
        {
            var savedCues = saved.Cues.ToLookup(cue => cue.Sentence);
            var stale = Enumerable.Range(0, sentences.Count)
                .Where(s => savedCues[s].Any(cue => cue.Stale) && !savedCues[s].Any(cue => cue.Edited))
                .ToList();
            if (stale.Count == 0)
            {
                return saved;
            }

            Begin(request, PipelineStage.Translating, share.Start, progress, target.Value);
            var fresh = await translator.TranslateAsync([.. stale.Select(s => sentences[s].Sentence.Text)], source, target, request.Glossary, cancellationToken);
            var replaced = stale.Zip(fresh).ToDictionary(pair => pair.First, pair => CueTracks.Translated(sourceIds[pair.First], pair.First, layout.LayoutSentence(sentences[pair.First], pair.Second)));
            var updated = saved with
            {
                Cues = [.. Enumerable.Range(0, sentences.Count).SelectMany(s => replaced.TryGetValue(s, out var cues) ? cues : savedCues[s])],
            };
            await AtomicFile.WriteTextAsync(trackPath, updated.ToJson(), cancellationToken);
            return updated;
        }

        var translationPath = PipelineArtifacts.Translation(work, target.Value);
        IReadOnlyList<string> translations;
        if (File.Exists(translationPath))
        {
            translations = JsonSerializer.Deserialize<List<string>>(await File.ReadAllTextAsync(translationPath, cancellationToken), Json) ?? [];
        }
        else
        {
            Begin(request, PipelineStage.Translating, share.Start, progress, target.Value);
            translations = await translator.TranslateAsync([.. sentences.Select(s => s.Sentence.Text)], source, target, request.Glossary, cancellationToken);
            await AtomicFile.WriteTextAsync(translationPath, JsonSerializer.Serialize(translations, Json), cancellationToken);
        }

        var track = new CueTrack(target.Value, sourceTrack.Version, [.. Enumerable.Range(0, sentences.Count).SelectMany(s => CueTracks.Translated(sourceIds[s], s, layout.LayoutSentence(sentences[s], translations[s])))]);
        await AtomicFile.WriteTextAsync(trackPath, track.ToJson(), cancellationToken);
        return track;
    }

    /// <summary>
    /// Each speaker's voice in <paramref name="target"/>: those the track keeps (cast by an earlier run, or chosen by a
    /// person since), else cast now by register, the voices named with the job first; kept in the track from then on.
    /// </summary>
    private async Task<IReadOnlyDictionary<string, string>> VoicesAsync(
        PipelineRequest request, LanguageCode target, CueTrack track, CueTrack sourceTrack, string work, CancellationToken cancellationToken)
    {
        IReadOnlyList<SpeakerProfile> speakers = sourceTrack.Speakers ?? [new SpeakerProfile(Diarization.FirstSpeaker, 0)];
        if (track.Voices is { } kept && speakers.All(speaker => kept.ContainsKey(speaker.Id)))
        {
            return kept;
        }

        var chosen = new Dictionary<string, string>(track.Voices ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (speaker, voice) in request.SpeakerVoices.GetValueOrDefault(target.Value) ?? new Dictionary<string, string>())
        {
            chosen.TryAdd(speaker, voice);
        }

        if (request.Voices.GetValueOrDefault(target.Value) is { } languageVoice)
        {
            speakers.ToList().ForEach(speaker => chosen.TryAdd(speaker.Id, languageVoice));
        }

        var voices = VoiceCasting.Cast(speakers, await synthesizer.RegisterVoicesAsync(target, cancellationToken), chosen);
        await AtomicFile.WriteTextAsync(PipelineArtifacts.CueTrack(work, target.Value), (track with { Voices = voices }).ToJson(), cancellationToken);
        return voices;
    }

    /// <summary>A clip's file name: a hash of the language, the voice and the text, which is all that decides the speech.</summary>
    private static string ClipName(LanguageCode language, string? voice, string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{language}\u0000{voice}\u0000{text}")))[..24] + ".wav";
}
