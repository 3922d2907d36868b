namespace VideoTranslation.Server.Queue;

/// <summary>
/// Wakes idle workers the moment a job becomes claimable, so no worker polls the database while idle.
/// </summary>
public sealed class JobSignal : WakeSignal;
