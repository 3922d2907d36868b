using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using VideoTranslation.Domain;
using VideoTranslation.IntegrationTests.Infrastructure;
using VideoTranslation.Server.Queue;
using VideoTranslation.Server.Storage;
using VideoTranslation.Server.Workers;

namespace VideoTranslation.IntegrationTests.Queue;

/// <summary>
/// The lease queue's contract, run on each real database (SQLite file, PostgreSQL server) with a fake clock so
/// leases expire without waiting.
/// </summary>
public abstract class JobStoreContract : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    private static readonly LanguagePair EnEs = new(LanguageCode.Parse("en"), LanguageCode.Parse("es"));
    private static readonly LanguagePair EnFr = new(LanguageCode.Parse("en"), LanguageCode.Parse("fr"));

    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly JobSignal signal = new();

    // One process's change signal: every store made here hears the others' changes, as stores in one process do.
    private readonly JobChanges changes = new();
    private SqlJobStore store = null!;

    protected TimeProvider Clock => clock;

    private protected SqlJobStore Store => store;

    protected void Advance(TimeSpan time) => clock.Advance(time);

    protected static LanguagePair Languages => EnEs;

    public async Task InitializeAsync() => store = await CreateStoreAsync(maxAttempts: 3);

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>The database under test; called again for "the same database, reopened".</summary>
    protected abstract Task<IJobDatabase> OpenDatabaseAsync();

    [Fact]
    public async Task Claims_jobs_oldest_first_and_each_only_once()
    {
        var first = await CreateAsync("first");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var second = await CreateAsync("second");

        Assert.Equal(first, (await store.ClaimNextAsync("w1", Lease, default))!.Id);
        Assert.Equal(second, (await store.ClaimNextAsync("w2", Lease, default))!.Id);
        Assert.Null(await store.ClaimNextAsync("w3", Lease, default));
    }

    [Fact]
    public async Task A_claimed_job_is_running_with_one_attempt_and_shows_as_pending()
    {
        var id = await CreateAsync("job");
        var claimed = await store.ClaimNextAsync("w1", Lease, default);

        Assert.Equal(JobState.Running, claimed!.State);
        Assert.Equal(1, claimed.Attempts);
        Assert.Equal(JobStatus.Pending, (await store.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task An_expired_lease_is_claimed_again_and_the_old_owner_can_no_longer_finish()
    {
        var id = await CreateAsync("job");
        await store.ClaimNextAsync("dead-worker", Lease, default);

        clock.Advance(Lease - TimeSpan.FromSeconds(1));
        Assert.Null(await store.ClaimNextAsync("w2", Lease, default));

        clock.Advance(TimeSpan.FromSeconds(1));
        var reclaimed = await store.ClaimNextAsync("w2", Lease, default);
        Assert.Equal(id, reclaimed!.Id);
        Assert.Equal(2, reclaimed.Attempts);

        Assert.False(await store.CompleteAsync(id, "dead-worker", default));
        Assert.False(await store.RenewLeaseAsync(id, "dead-worker", Lease, default));
        Assert.True(await store.CompleteAsync(id, "w2", default));
        Assert.Equal(JobStatus.Completed, (await store.GetAsync(id, default))!.Status);
    }

    [Fact]
    public async Task Renewing_the_lease_keeps_the_job_from_other_workers()
    {
        await CreateAsync("job");
        var id = (await store.ClaimNextAsync("w1", Lease, default))!.Id;

        for (var beat = 0; beat < 5; beat++)
        {
            clock.Advance(Lease / 2);
            Assert.True(await store.RenewLeaseAsync(id, "w1", Lease, default));
            Assert.Null(await store.ClaimNextAsync("w2", Lease, default));
        }
    }

    [Fact]
    public async Task A_job_whose_workers_keep_dying_fails_after_max_attempts()
    {
        var capped = await CreateStoreAsync(maxAttempts: 2);
        var id = await CreateAsync("job", capped);

        for (var attempt = 1; attempt <= 2; attempt++)
        {
            Assert.Equal(attempt, (await capped.ClaimNextAsync($"w{attempt}", Lease, default))!.Attempts);
            clock.Advance(Lease);
        }

        Assert.Null(await capped.ClaimNextAsync("w3", Lease, default));
        var job = await capped.GetAsync(id, default);
        Assert.Equal(JobStatus.Error, job!.Status);
        Assert.Contains("abandoned after 2 attempts", job.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_failure_is_retried_after_the_delay_then_given_up()
    {
        var capped = await CreateStoreAsync(maxAttempts: 2);
        var id = await CreateAsync("job", capped);

        await capped.ClaimNextAsync("w1", Lease, default);
        Assert.True(await capped.RetryLaterAsync(id, "w1", TimeSpan.FromSeconds(10), "disk full", default));
        Assert.Equal(JobStatus.Pending, (await capped.GetAsync(id, default))!.Status);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), await capped.GetNextDueTimeAsync(default));

        clock.Advance(TimeSpan.FromSeconds(9));
        Assert.Null(await capped.ClaimNextAsync("w2", Lease, default));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(await capped.ClaimNextAsync("w2", Lease, default));

        Assert.True(await capped.RetryLaterAsync(id, "w2", TimeSpan.FromSeconds(10), "disk full", default));
        var job = await capped.GetAsync(id, default);
        Assert.Equal(JobStatus.Error, job!.Status);
        Assert.Equal("Gave up after 2 attempts: disk full", job.ErrorMessage);
    }

    [Fact]
    public async Task Releasing_on_shutdown_does_not_count_the_attempt_and_makes_the_job_due_at_once()
    {
        var id = await CreateAsync("job");
        await store.ClaimNextAsync("w1", Lease, default);
        Assert.True(await store.ReleaseAsync(id, "w1", default));

        var again = await store.ClaimNextAsync("w2", Lease, default);
        Assert.Equal(1, again!.Attempts);
    }

    [Fact]
    public async Task Failing_records_the_message_and_finishes_the_job()
    {
        var id = await CreateAsync("job");
        await store.ClaimNextAsync("w1", Lease, default);
        Assert.True(await store.FailAsync(id, "w1", "Unsupported codec", "unsupported_codec", default));

        var job = await store.GetAsync(id, default);
        Assert.Equal(JobStatus.Error, job!.Status);
        Assert.Equal("Unsupported codec", job.ErrorMessage);
        Assert.NotNull(job.CompletedAt);
        Assert.Null(await store.GetNextDueTimeAsync(default));
    }

    [Fact]
    public async Task Next_due_time_is_the_earliest_lease_expiry_or_queued_job()
    {
        Assert.Null(await store.GetNextDueTimeAsync(default));
        await CreateAsync("a");
        var now = clock.GetUtcNow();
        Assert.Equal(now, await store.GetNextDueTimeAsync(default));

        await store.ClaimNextAsync("w1", Lease, default);
        Assert.Equal(now + Lease, await store.GetNextDueTimeAsync(default));
    }

    [Fact]
    public async Task Creating_is_idempotent_per_id_and_conflicts_on_a_different_request()
    {
        var id = JobId.Parse("client-chosen");
        Assert.IsType<CreateJobResult.Created>(await store.CreateAsync(id, Tenants.Default, EnEs, null, null, default));
        Assert.IsType<CreateJobResult.AlreadyExists>(await store.CreateAsync(id, Tenants.Default, EnEs, null, null, default));
        var conflict = Assert.IsType<CreateJobResult.Conflict>(await store.CreateAsync(id, Tenants.Default, EnFr, null, null, default));
        Assert.Equal(EnEs, conflict.Job.Languages);
    }

    [Fact]
    public async Task A_new_job_wakes_waiting_workers()
    {
        var wake = signal.Next;
        Assert.False(wake.IsCompleted);
        await CreateAsync("job");
        Assert.True(wake.IsCompleted);
    }

    [Fact]
    public async Task Concurrent_workers_never_claim_the_same_job()
    {
        for (var i = 0; i < 100; i++)
        {
            await CreateAsync($"job-{i}");
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(async () =>
        {
            var mine = new List<JobId>();
            while (await store.ClaimNextAsync($"w{worker}", Lease, default) is { } job)
            {
                mine.Add(job.Id);
            }

            return mine;
        })));

        var all = claims.SelectMany(c => c).ToList();
        Assert.Equal(100, all.Count);
        Assert.Equal(100, all.Distinct().Count());
    }

    [Fact]
    public async Task A_worker_limited_to_queues_claims_only_their_jobs_and_a_hand_off_moves_a_job_without_counting_an_attempt()
    {
        var translators = await CreateStoreAsync(maxAttempts: 3, queues: "translation");
        await CreateAsync("seed-job");
        var video = JobId.Parse("video-job");
        var spec = new VideoJobSpec { FileName = "talk.mp4", InputExtension = ".mp4", TargetLanguages = ["es"] };
        Assert.IsType<CreateJobResult.Created>(await store.CreateVideoAsync(video, Tenants.Default, EnEs, spec, null, null, "fingerprint", null, default));

        // Neither the seed job (simulated) nor the new video job (recognition) is for translators, nor wakes them.
        Assert.Null(await translators.ClaimNextAsync("t1", Lease, default));
        Assert.Null(await translators.GetNextDueTimeAsync(default));

        var recognizer = await CreateStoreAsync(maxAttempts: 3, queues: "recognition");
        Assert.Equal(video, (await recognizer.ClaimNextAsync("r1", Lease, default))!.Id);
        Assert.True(await recognizer.HandOffAsync(video, "r1", WorkQueues.Translation, default));
        Assert.Null(await recognizer.ClaimNextAsync("r1", Lease, default));

        Assert.Equal(clock.GetUtcNow(), await translators.GetNextDueTimeAsync(default));
        var handedOn = await translators.ClaimNextAsync("t1", Lease, default);
        Assert.Equal(video, handedOn!.Id);
        Assert.Equal(1, handedOn.Attempts);
        Assert.False(await recognizer.HandOffAsync(video, "r1", WorkQueues.Synthesis, default)); // no longer its job
    }

    [Fact]
    public async Task Tenants_list_only_their_own_jobs_a_page_at_a_time_and_keep_their_own_idempotency_keys()
    {
        Assert.IsType<CreateJobResult.Created>(await store.CreateAsync(JobId.Parse("acme-1"), "acme", EnEs, null, null, default));
        Assert.IsType<CreateJobResult.Conflict>(await store.CreateAsync(JobId.Parse("acme-1"), "globex", EnEs, null, null, default)); // the id is taken
        var spec = new VideoJobSpec { FileName = "talk.mp4", InputExtension = ".mp4", TargetLanguages = ["es"] };
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.IsType<CreateJobResult.Created>(await store.CreateVideoAsync(JobId.Parse("acme-2"), "acme", EnEs, spec, null, "key-1", "same", null, default));
        Assert.IsType<CreateJobResult.Created>(await store.CreateVideoAsync(JobId.Parse("globex-1"), "globex", EnEs, spec, null, "key-1", "same", null, default));

        var first = Assert.Single(await store.ListAsync("acme", null, null, 1, default));
        var second = Assert.Single(await store.ListAsync("acme", null, (first.CreatedAt, first.Id.Value), 1, default));
        Assert.Equal(["acme-2", "acme-1"], new[] { first.Id.Value, second.Id.Value });
        Assert.Empty(await store.ListAsync("acme", null, (second.CreatedAt, second.Id.Value), 1, default));
        Assert.Equal(["globex-1"], (await store.ListAsync("globex", JobStatus.Pending, null, 10, default)).Select(job => job.Id.Value));
        Assert.Empty(await store.ListAsync("globex", JobStatus.Completed, null, 10, default));
    }

    [Fact]
    public async Task Concurrent_creates_on_two_nodes_never_pass_the_pending_limit_and_a_retry_is_never_refused()
    {
        var other = await CreateStoreAsync(maxAttempts: 3); // a second node on the same database
        var spec = new VideoJobSpec { FileName = "talk.mp4", InputExtension = ".mp4", TargetLanguages = ["es"] };
        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => i % 2 == 0
            ? (i % 4 == 0 ? store : other).CreateAsync(JobId.Parse($"seed-{i}"), "acme", EnEs, null, 2, default)
            : (i % 4 == 1 ? store : other).CreateVideoAsync(JobId.Parse($"video-{i}"), "acme", EnEs, spec, null, $"key-{i}", "same", 2, default))));

        Assert.Equal(2, results.Count(result => result is CreateJobResult.Created));
        Assert.All(results.OfType<CreateJobResult.OverQuota>(), refused => Assert.Equal(2, refused.Pending));
        Assert.Equal(10, results.Count(result => result is CreateJobResult.OverQuota));
        Assert.Equal(2, await store.CountPendingAsync("acme", default));

        // The same requests again get their jobs, limit or not; another tenant has its own limit.
        var made = results.OfType<CreateJobResult.Created>().Select(created => created.Job).ToList();
        foreach (var job in made)
        {
            var again = job.Video is null
                ? await other.CreateAsync(job.Id, "acme", EnEs, null, 2, default)
                : await other.CreateVideoAsync(JobId.New(), "acme", EnEs, spec, null, $"key-{job.Id.Value["video-".Length..]}", "same", 2, default);
            Assert.Equal(job.Id, Assert.IsType<CreateJobResult.AlreadyExists>(again).Job.Id);
        }

        Assert.IsType<CreateJobResult.Created>(await store.CreateAsync(JobId.Parse("globex-1"), "globex", EnEs, null, 2, default));
    }

    [Fact]
    public async Task Concurrent_submissions_committed_together_are_each_answered_and_stored()
    {
        // Enough at once that the store commits many in one transaction (SQLite) or one round trip (PostgreSQL).
        var ids = Enumerable.Range(0, 300).Select(i => JobId.Parse($"burst-{i}")).ToList();
        var results = await Task.WhenAll(ids.Select(id => store.CreateAsync(id, Tenants.Default, EnEs, null, null, default)));

        Assert.All(results, result => Assert.IsType<CreateJobResult.Created>(result));
        var reopened = await CreateStoreAsync(maxAttempts: 3);
        foreach (var id in ids)
        {
            var job = await reopened.GetAsync(id, default);
            Assert.Equal(JobState.Queued, job!.State);
            Assert.Single(await reopened.GetEventsAsync(id, 0, default)); // its first event, once
        }
    }

    [Fact]
    public async Task A_write_that_fails_among_concurrent_ones_fails_alone()
    {
        var database = await OpenDatabaseAsync();
        var target = await CreateStoreAsync(maxAttempts: 3, database);
        var creates = Enumerable.Range(0, 50).Select(i => target.CreateAsync(JobId.Parse($"good-{i}"), Tenants.Default, EnEs, null, null, default)).ToList();
        var broken = database.WriteAsync<int>(async (connection, transaction, _) =>
        {
            await Dapper.SqlMapper.ExecuteAsync(connection, "INSERT INTO jobs (id) VALUES ('incomplete');", transaction: transaction); // NOT NULL columns left out
            return 0;
        }, default);
        var brokenCommand = database.WriteCommandAsync(["INSERT INTO jobs (id) VALUES (@Id);"], [new("Id", "incomplete-too")], row => row.GetString(0), default);

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => broken);
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => brokenCommand);
        Assert.All(await Task.WhenAll(creates), result => Assert.IsType<CreateJobResult.Created>(result));
        Assert.Null(await target.GetAsync(JobId.Parse("incomplete"), default));
        Assert.NotNull(await target.GetAsync(JobId.Parse("good-49"), default));
    }

    [Fact]
    public async Task A_read_never_returns_a_job_older_than_a_change_that_was_answered()
    {
        var id = await CreateAsync("watched");
        await store.ClaimNextAsync("w1", Lease, default);
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await store.GetAsync(id, default); // keeps the cache filling while the writes land
            }
        });

        for (var step = 1; step <= 40; step++)
        {
            Assert.True(await store.ReportProgressAsync(id, "w1", JobStage.Running, step / 40.0, default));
            Assert.Equal(step / 40.0, (await store.GetAsync(id, default))!.Progress);
        }

        await stop.CancelAsync();
        await reader;
    }

    [Fact]
    public async Task Jobs_survive_reopening_the_database()
    {
        var id = await CreateAsync("durable");
        var reopened = await CreateStoreAsync(maxAttempts: 3);
        Assert.Equal(EnEs, (await reopened.GetAsync(id, default))!.Languages);
    }

    private async Task<SqlJobStore> CreateStoreAsync(int maxAttempts, string queues = "") =>
        await CreateStoreAsync(maxAttempts, await OpenDatabaseAsync(), queues);

    private Task<SqlJobStore> CreateStoreAsync(int maxAttempts, IJobDatabase database, string queues = "") => Task.FromResult(new SqlJobStore(
        database,
        Options.Create(new WorkerOptions { MaxAttempts = maxAttempts, Queues = queues }),
        signal,
        changes,
        new JobCache(changes, Options.Create(new StorageOptions())),
        new JobCancellations(),
        new WebhookSignal()));

    private async Task<JobId> CreateAsync(string id, SqlJobStore? target = null)
    {
        var result = await (target ?? store).CreateAsync(JobId.Parse(id), Tenants.Default, EnEs, null, null, default);
        return Assert.IsType<CreateJobResult.Created>(result).Job.Id;
    }
}

/// <summary>The contract on the embedded SQLite file.</summary>
public sealed class SqliteJobStoreTests : JobStoreContract, IDisposable
{
    private readonly TempDirectory data = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        data.Dispose();
    }

    [Fact]
    public async Task A_database_from_a_newer_version_is_refused_with_a_clear_message()
    {
        await (await OpenDatabaseAsync()).InitializeAsync();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(data.Path, "jobs.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>((await OpenDatabaseAsync()).InitializeAsync);
        Assert.Contains("schema version 999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Commits_leave_the_log_to_the_checkpointer_which_copies_it_into_the_file_off_the_writers_path()
    {
        var file = new FileInfo(Path.Combine(data.Path, "jobs.db"));
        Assert.IsType<CreateJobResult.Created>(await Store.CreateAsync(JobId.Parse("logged-first"), Tenants.Default, Languages, null, null, default));
        file.Refresh();
        var before = file.Length;

        // One commit each, well past the 1,000 pages of log at which SQLite's own auto-checkpoint would have copied
        // the log into the file inside a commit.
        for (var i = 0; i < 1500; i++)
        {
            Assert.IsType<CreateJobResult.Created>(await Store.CreateAsync(JobId.Parse($"logged-{i}"), Tenants.Default, Languages, null, null, default));
        }

        file.Refresh();
        Assert.Equal(before, file.Length); // no commit checkpointed
        Assert.True(new FileInfo(file.FullName + "-wal").Length > 1000 * 4096);

        Advance(TimeSpan.FromSeconds(1)); // the checkpointer's turn
        await Eventually.ValueAsync(() => Task.FromResult(Grew(file, before)), "copying the log into the database file");
        Assert.NotNull(await Store.GetAsync(JobId.Parse("logged-1499"), default));

        static string? Grew(FileInfo file, long before)
        {
            file.Refresh();
            return file.Length > before ? "grown" : null;
        }
    }

    [Fact]
    public async Task Reads_keep_their_connections_open_without_holding_back_a_checkpoint()
    {
        var ids = Enumerable.Range(0, 20).Select(i => JobId.Parse($"read-{i}")).ToList();
        foreach (var id in ids)
        {
            Assert.IsType<CreateJobResult.Created>(await Store.CreateAsync(id, Tenants.Default, Languages, null, null, default));
        }

        // Many reads at once (more connections than the pool keeps idle), a read that fails half way, then reads again on
        // the connections kept: each still answers, with its compiled statements.
        await Task.WhenAll(ids.Select(async id => Assert.Single(await Store.GetEventsAsync(id, 0, default))));
        var path = Path.Combine(data.Path, "jobs.db");
        await using (var database = new SqliteDatabase(Options.Create(new StorageOptions { DataDirectory = data.Path }), Clock))
        {
            await Assert.ThrowsAsync<SqliteException>(() => database.ReadAsync(async connection =>
            {
                await using var command = database.Command(connection, null, "SELECT no_such_column FROM jobs;");
                return await command.ExecuteAsync();
            }, default));
            Assert.Equal(20, await database.ReadAsync(async connection =>
            {
                await using var command = database.Command(connection, null, "SELECT id FROM jobs WHERE id LIKE 'read-%';");
                return (await command.QueryAsync(row => row.GetString(0))).Count;
            }, default));
        }

        foreach (var id in ids)
        {
            Assert.Single(await Store.GetEventsAsync(id, 0, default));
        }

        // The open, idle read connections hold no snapshot: a checkpoint that must wait for every reader (TRUNCATE)
        // copies the whole log and empties it at once. A reader left inside a read would make it give up (busy).
        using var checkpoint = new SqliteConnection($"Data Source={path};Pooling=False;Default Timeout=2");
        checkpoint.Open();
        using var command = checkpoint.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var result = command.ExecuteReader();
        Assert.True(result.Read());
        Assert.Equal(0L, result.GetInt64(0)); // not busy
        Assert.Equal(0L, new FileInfo(path + "-wal").Length);
    }

    protected override Task<IJobDatabase> OpenDatabaseAsync() =>
        Task.FromResult<IJobDatabase>(new SqliteDatabase(Options.Create(new StorageOptions { DataDirectory = data.Path }), Clock));
}

/// <summary>The contract on a real PostgreSQL server, a fresh database per test.</summary>
[Collection(VideoTranslation.IntegrationTests.ScaleOut.PostgresCollection.Name)]
public sealed class PostgresJobStoreTests : JobStoreContract
{
    private string? connectionString;

    protected override async Task<IJobDatabase> OpenDatabaseAsync()
    {
        connectionString ??= await (await PostgresServer.GetAsync()).CreateDatabaseAsync();
        return new PostgresDatabase(connectionString, Clock);
    }
}
