namespace VideoTranslation.Server.Engines;

/// <summary>A running job's stage (snake_case, e.g. <c>transcribing</c>) and progress, 0 to 1.</summary>
public readonly record struct JobProgress(string Stage, double Fraction);
