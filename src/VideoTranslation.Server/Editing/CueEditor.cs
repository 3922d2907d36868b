using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Pipeline.Speakers;
using VideoTranslation.Pipeline.Subtitles;
using VideoTranslation.Server.Problems;

namespace VideoTranslation.Server.Editing;

/// <summary>
/// Applies a set of cue edits to one track, or says, cue by cue, why it cannot: an unknown cue, an empty text, a time
/// outside the media or overlapping a neighbour, a text no two-line layout fits. Editing a source cue marks the cues
/// translated from it stale (the next render translates them again); editing a translated cue's text marks it as
/// written by a person (a render keeps it). A cue's speaker can be changed to another speaker of the job (on a source
/// cue, its translations follow, with no new translation), and a translated track's voices per speaker to voices the
/// synthesizer lists: the next render speaks again only what that changes.
/// </summary>
public static class CueEditor
{
    /// <summary>The most edits one request may carry.</summary>
    public const int MaxEdits = 2000;

    /// <summary>The longest text one cue may be given, before any layout is tried.</summary>
    public const int MaxTextLength = 1000;

    /// <param name="target">The track edited.</param>
    /// <param name="all">Every track of the job (the source's edits reach the translations).</param>
    /// <param name="language">The language of <paramref name="target"/>'s text, for line breaking.</param>
    /// <param name="voices">New voices per speaker for a translated track (null: none).</param>
    /// <param name="refuseVoice">Why a voice is not one of the synthesizer's, or null when it is.</param>
    public static CueEditOutcome Apply(
        CueTrack target, IReadOnlyList<CueTrack> all, IReadOnlyList<CueEdit> edits, double mediaSeconds, string language,
        IReadOnlyDictionary<string, string>? voices = null, Func<string, string?>? refuseVoice = null)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (edits.Count > MaxEdits || (edits.Count == 0 && voices is not { Count: > 0 }))
        {
            errors["cues"] = [$"Name from 1 to {MaxEdits} cues to change (or voices to change)."];
            return new CueEditOutcome.Invalid(errors);
        }

        var speakers = (all.FirstOrDefault(track => track.IsSource)?.Speakers ?? [new SpeakerProfile(Diarization.FirstSpeaker, 0)]).Select(speaker => speaker.Id).ToList();
        var castVoices = Voices(target, voices, speakers, refuseVoice, errors);

        var lines = new LineBreaker(new SubtitleRules(), language);
        var cues = target.Cues.ToDictionary(cue => cue.Id, StringComparer.Ordinal);
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edit in edits)
        {
            var key = ApiProblems.Echo(edit.Id ?? "");
            if (edit.Id is null || !cues.TryGetValue(edit.Id, out var cue))
            {
                errors[key] = [$"The {target.Track} track has no cue '{key}'."];
                continue;
            }

            if (!changed.Add(edit.Id))
            {
                errors[key] = ["Name each cue once."];
                continue;
            }

            if (edit.Speaker is { } speaker && !speakers.Contains(speaker))
            {
                errors[key] = [$"'{ApiProblems.Echo(speaker, 20)}' is not a speaker of the job ({string.Join(", ", speakers)})."];
                continue;
            }

            var text = edit.Text is null ? cue.Text : Normalized(edit.Text);
            var start = edit.Start ?? cue.Start;
            var end = edit.End ?? cue.End;
            if (Refusal(text, start, end, mediaSeconds, lines) is { } refused)
            {
                errors[key] = [refused];
                continue;
            }

            var textChanged = text != cue.Text;
            cues[edit.Id] = cue with
            {
                Text = text,
                Start = Math.Round(start, 3),
                End = Math.Round(end, 3),
                Edited = cue.Edited || (textChanged && !target.IsSource),
                Speaker = edit.Speaker ?? cue.Speaker,
            };
        }

        var ordered = target.Cues.Select(cue => cues[cue.Id]).OrderBy(cue => cue.Start).ToList();
        foreach (var (first, second) in ordered.Zip(ordered.Skip(1)))
        {
            if (first.End > second.Start && (changed.Contains(first.Id) || changed.Contains(second.Id)))
            {
                var id = changed.Contains(second.Id) ? second.Id : first.Id;
                errors.TryAdd(id, [$"Cue '{id}' would overlap cue '{(id == first.Id ? second.Id : first.Id)}' ({first.End:0.###} s > {second.Start:0.###} s)."]);
            }
        }

        if (errors.Count > 0)
        {
            return new CueEditOutcome.Invalid(errors);
        }

        var edited = new List<CueTrack> { target with { Version = target.Version + 1, Cues = [.. target.Cues.Select(cue => cues[cue.Id])], Voices = castVoices } };
        if (target.IsSource)
        {
            // Their source's words or times changed: translations made from it are out of date wherever they are. Their
            // speaker follows the source's without a new translation.
            var touched = target.Cues
                .Where(cue => changed.Contains(cue.Id) && cues[cue.Id] with { Speaker = cue.Speaker } != cue)
                .Select(cue => cue.Id).ToHashSet(StringComparer.Ordinal);
            var respoken = target.Cues.Where(cue => cues[cue.Id].Speaker != cue.Speaker).ToDictionary(cue => cue.Id, cue => cues[cue.Id].Speaker, StringComparer.Ordinal);
            foreach (var translated in all.Where(track => !track.IsSource && track.Cues.Any(cue => cue.SourceIds.Any(id => touched.Contains(id) || respoken.ContainsKey(id)))))
            {
                edited.Add(translated with
                {
                    Version = translated.Version + 1,
                    Cues =
                    [
                        .. translated.Cues.Select(cue => cue with
                        {
                            Stale = cue.Stale || cue.SourceIds.Any(touched.Contains),
                            Speaker = cue.SourceIds.Select(id => respoken.GetValueOrDefault(id)).FirstOrDefault(speaker => speaker is not null) ?? cue.Speaker,
                        }),
                    ],
                });
            }
        }

        return new CueEditOutcome.Applied(edited);
    }

    /// <summary>The track's voices with <paramref name="changes"/> applied, or an error per bad speaker or voice.</summary>
    private static IReadOnlyDictionary<string, string>? Voices(
        CueTrack target, IReadOnlyDictionary<string, string>? changes, List<string> speakers, Func<string, string?>? refuseVoice, Dictionary<string, string[]> errors)
    {
        if (changes is not { Count: > 0 })
        {
            return target.Voices;
        }

        if (target.IsSource)
        {
            errors["voices"] = ["The source track has no voices: set them on a target language's track."];
            return target.Voices;
        }

        if (changes.Count > SpeakerDiarizer.MaxSpeakers)
        {
            errors["voices"] = [$"A job has at most {SpeakerDiarizer.MaxSpeakers} speakers; name a voice for each at most once."];
            return target.Voices;
        }

        var voices = new Dictionary<string, string>(target.Voices ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var (speaker, voice) in changes)
        {
            var key = "voices." + ApiProblems.Echo(speaker, 20);
            if (!speakers.Contains(speaker))
            {
                errors[key] = [$"'{ApiProblems.Echo(speaker, 20)}' is not a speaker of the job ({string.Join(", ", speakers)})."];
            }
            else if (refuseVoice?.Invoke(voice ?? "") is { } refused)
            {
                errors[key] = [refused];
            }
            else
            {
                voices[speaker] = voice!;
            }
        }

        return voices;
    }

    /// <summary>The text as one run of words: any whitespace (line breaks and tabs too) becomes one space; the layout breaks lines.</summary>
    private static string Normalized(string text) =>
        string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string? Refusal(string text, double start, double end, double mediaSeconds, LineBreaker lines)
    {
        if (text.Length == 0)
        {
            return "A cue needs text; to silence it, shorten a neighbour instead.";
        }

        if (text.Any(char.IsControl))
        {
            return "The text holds a control character; send plain text (line breaks are made by the layout).";
        }

        if (text.Length > MaxTextLength || lines.Break(text) is null)
        {
            return "The text does not fit a cue's two lines; shorten it or split the sentence over the neighbouring cues.";
        }

        if (!double.IsFinite(start) || !double.IsFinite(end) || start < 0 || end > mediaSeconds + 0.001)
        {
            return $"The cue's time must lie within the media (0 to {mediaSeconds:0.###} s).";
        }

        return start >= end ? "The cue must end after it starts." : null;
    }
}
