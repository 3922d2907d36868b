namespace VideoTranslation.Domain;

/// <summary>
/// The status a client sees: the seed API's three values, and <see cref="Cancelled"/> in the v1 API (the seed view
/// shows a cancelled job as <see cref="Error"/>, the only end it knows besides success).
/// </summary>
public enum JobStatus
{
    Pending,
    Completed,
    Error,
    Cancelled,
}

public static class JobStatusExtensions
{
    /// <summary>The status in the seed API's three values.</summary>
    public static JobStatus ToSeedStatus(this JobStatus status) => status == JobStatus.Cancelled ? JobStatus.Error : status;
}
