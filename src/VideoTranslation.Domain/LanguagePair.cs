namespace VideoTranslation.Domain;

/// <summary>The languages of one translation: from <see cref="Source"/> into <see cref="Target"/>, never the same.</summary>
public readonly record struct LanguagePair
{
    public LanguagePair(LanguageCode source, LanguageCode target)
    {
        if (source == target)
        {
            throw new ArgumentException($"Source and target language are both '{source}'.", nameof(target));
        }

        Source = source;
        Target = target;
    }

    public LanguageCode Source { get; }
    public LanguageCode Target { get; }

    public override string ToString() => $"{Source}->{Target}";
}
