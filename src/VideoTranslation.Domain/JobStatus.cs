namespace VideoTranslation.Domain;

/// <summary>The status a client sees, exactly the seed API's three values.</summary>
public enum JobStatus
{
    Pending,
    Completed,
    Error,
}
