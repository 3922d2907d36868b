namespace VideoTranslation.Pipeline.Subtitles;

/// <summary>One subtitle: shown from <see cref="Start"/> to <see cref="End"/>, one or two lines.</summary>
public sealed record Cue(TimeSpan Start, TimeSpan End, IReadOnlyList<string> Lines, string? Speaker = null)
{
    public TimeSpan Duration => End - Start;

    /// <summary>The lines joined by spaces, as read.</summary>
    public string Text => string.Join(' ', Lines);

    /// <summary>Characters per second, counting every character shown (spaces included, line breaks not).</summary>
    public double CharactersPerSecond => Duration > TimeSpan.Zero ? Text.Length / Duration.TotalSeconds : double.PositiveInfinity;
}
