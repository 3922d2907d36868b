namespace VideoTranslation.Pipeline.Translation;

/// <summary>An engine cannot handle a language or pair; the message lists what it can, so the user can choose.</summary>
public sealed class UnsupportedLanguageException : Exception
{
    public UnsupportedLanguageException(string message, IReadOnlyList<string> supported)
        : base(message)
    {
        Supported = supported;
    }

    public UnsupportedLanguageException()
        : this("The language is not supported.", [])
    {
    }

    public UnsupportedLanguageException(string message)
        : this(message, [])
    {
    }

    public UnsupportedLanguageException(string message, Exception innerException)
        : base(message, innerException)
    {
        Supported = [];
    }

    /// <summary>What is supported instead, e.g. <c>en->es</c>.</summary>
    public IReadOnlyList<string> Supported { get; }
}
