namespace VideoTranslation.Server.Hosting;

internal static class ValidatedOptions
{
    /// <summary>Binds <typeparamref name="TOptions"/> from <paramref name="section"/>, checked by its attributes when the host starts (a bad value stops the start, not a request).</summary>
    public static IServiceCollection AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddOptions<TOptions>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
        return services;
    }
}
