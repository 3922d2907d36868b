namespace VideoTranslation.Pipeline.Orchestration;

/// <summary>Where a running translation is: its stage, and how far through the whole job (0 to 1).</summary>
public sealed record PipelineProgress(PipelineStage Stage, double Fraction, string? Language = null);
