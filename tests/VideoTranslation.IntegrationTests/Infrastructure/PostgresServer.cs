using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// A real PostgreSQL server from the Debian packages (<c>scripts/install.sh</c> installs them), started once per
/// test run in a temporary directory on a free loopback port, with trust authentication for the user <c>vts</c>.
/// Each test gets a database of its own. Runs as the <c>postgres</c> user when the tests run as root (CI), since
/// PostgreSQL refuses to run as root.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);

    private readonly string bin;
    private readonly string data;

    private PostgresServer(string bin, string data, int port)
    {
        this.bin = bin;
        this.data = data;
        Port = port;
    }

    public int Port { get; }

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A new, empty database; its Npgsql connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "test_" + Guid.NewGuid().ToString("N")[..12];
        // Unpooled: a pooled connection would not survive RestartAsync.
        await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString("postgres")) { Pooling = false }.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name};", connection);
            await create.ExecuteNonQueryAsync();
        }

        return ConnectionString(name);
    }

    /// <summary>Restarts the server (fast shutdown: connections are cut), as an operator or a crash would.</summary>
    public Task RestartAsync() => RunAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "restart");

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "vts", Database = database, MaxPoolSize = 50 }.ConnectionString;

    private static async Task<PostgresServer> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb); run scripts/install.sh.");
        var root = Directory.CreateTempSubdirectory("vts-postgres-").FullName;
        var data = Path.Combine(root, "data");
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", "postgres:postgres", root);
        }

        var port = FreeTcpPort();
        await RunAsync(Path.Combine(bin, "initdb"), "-D", data, "-U", "vts", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync");
        await RunAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-o",
            $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400",
            "start");
        var server = new PostgresServer(bin, data, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            RunAsync(Path.Combine(bin, "pg_ctl"), "-D", data, "-m", "immediate", "stop").GetAwaiter().GetResult();
            Directory.Delete(root, recursive: true);
        };
        return server;
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when we are root.</summary>
    private static async Task RunAsync(string tool, params string[] args)
    {
        var asPostgres = Environment.UserName == "root" && tool != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", tool })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {await error} {await output}");
        }
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
