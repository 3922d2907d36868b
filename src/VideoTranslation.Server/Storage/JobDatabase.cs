using Microsoft.Extensions.Options;

namespace VideoTranslation.Server.Storage;

/// <summary>Chooses the job database from <see cref="StorageOptions.Database"/>: PostgreSQL when given, else SQLite.</summary>
internal static class JobDatabase
{
    public static IJobDatabase Create(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<StorageOptions>>();
        var clock = services.GetRequiredService<TimeProvider>();
        return options.Value.UsesPostgres
            ? new PostgresDatabase(PostgresDatabase.ToConnectionString(options.Value.Database!), clock)
            : new SqliteDatabase(options, clock);
    }
}
