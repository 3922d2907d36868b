using System.Data.Common;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// A command for one of the store's hottest statements, from <see cref="IJobDatabase.Command"/>: on SQLite the
/// connection keeps it compiled from one use to the next (Microsoft.Data.Sqlite keeps prepared statements per command
/// object only, and compiling a statement costs more than running it); elsewhere it is a new command, disposed here.
/// Parameters are bound by name, rows read by the caller's reader by column position: no per-call lookups of column
/// names and types, which on SQLite allocated more than the query itself.
/// </summary>
public sealed class ReusedCommand(DbCommand command, bool owned) : IAsyncDisposable
{
    /// <summary>Sets the parameter's value, adding it the first time.</summary>
    public ReusedCommand Bind(string name, object? value)
    {
        // Named as the statement spells it (@Name): SQLite then finds it at once, where a bare name is looked up under each
        // prefix in turn, allocating at every execution. Npgsql takes either.
        var spelled = name.StartsWith('@') ? name : "@" + name;
        if (command.Parameters.IndexOf(spelled) is var index and >= 0)
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }
        else
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = spelled;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return this;
    }

    /// <summary>Sets each of <paramref name="parameters"/>.</summary>
    public ReusedCommand Bind(IEnumerable<KeyValuePair<string, object?>> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            Bind(name, value);
        }

        return this;
    }

    public Task<int> ExecuteAsync() => command.ExecuteNonQueryAsync();

    /// <summary>Runs every statement; the first row of the first, read by <paramref name="read"/>, or null when there is none.</summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>(Func<DbDataReader, T> read)
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync();
        var row = await reader.ReadAsync() ? read(reader) : null;
        while (await reader.NextResultAsync())
        {
            // the command's further statements run as the reader moves past them
        }

        return row;
    }

    /// <summary>Every row of the first statement's result, each read by <paramref name="read"/>.</summary>
    public async Task<List<T>> QueryAsync<T>(Func<DbDataReader, T> read)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => owned ? command.DisposeAsync() : ValueTask.CompletedTask;
}
