using System.Data.Common;
using Dapper;

namespace VideoTranslation.Server.Storage;

/// <summary>
/// A command for one of the store's hottest statements, from <see cref="IJobDatabase.Command"/>: on SQLite the
/// writer's connection keeps it compiled from one write to the next (Microsoft.Data.Sqlite keeps prepared statements
/// per command only, and compiling a statement costs more than running it); elsewhere it is a new command, disposed
/// here. Parameters are bound by name; rows are read with Dapper's row parser, as everywhere else.
/// </summary>
public sealed class ReusedCommand(DbCommand command, bool owned) : IAsyncDisposable
{
    /// <summary>Sets the parameter's value, adding it the first time.</summary>
    public ReusedCommand Bind(string name, object? value)
    {
        if (command.Parameters.IndexOf(name) is var index and >= 0)
        {
            command.Parameters[index].Value = value ?? DBNull.Value;
        }
        else
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
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

    /// <summary>Runs every statement; the first row of the first as <typeparamref name="T"/> (columns named as its properties), or null when there is none.</summary>
    public async Task<T?> QuerySingleOrDefaultAsync<T>()
        where T : class
    {
        await using var reader = await command.ExecuteReaderAsync();
        var row = await reader.ReadAsync() ? reader.GetRowParser<T>()(reader) : null;
        while (await reader.NextResultAsync())
        {
            // the command's further statements run as the reader moves past them
        }

        return row;
    }

    public ValueTask DisposeAsync() => owned ? command.DisposeAsync() : ValueTask.CompletedTask;
}
