namespace VideoTranslation.Server.Api.V1;

/// <summary>What a step of a job submission gives: its <see cref="Value"/>, or the <see cref="Rejection"/> that ends the submission.</summary>
internal readonly record struct Checked<T>(T? Value, SubmissionRejection? Rejection)
    where T : class
{
    public static implicit operator Checked<T>(T value) => new(value, null);

    public static implicit operator Checked<T>(SubmissionRejection rejection) => new(null, rejection);
}
