namespace VideoTranslation.Pipeline.Translation;

/// <summary>A glossary would make the translated text grow past its bound (<see cref="Glossary.MaxGrowth"/>); retrying cannot help.</summary>
public sealed class GlossaryExpansionException : Exception
{
    public GlossaryExpansionException(string message)
        : base(message)
    {
    }

    public GlossaryExpansionException()
        : this("The glossary makes the translated text grow too much.")
    {
    }

    public GlossaryExpansionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
