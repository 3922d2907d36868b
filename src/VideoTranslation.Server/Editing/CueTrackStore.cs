using System.Text.Json;
using Dapper;
using VideoTranslation.Domain;
using VideoTranslation.Pipeline.Editing;
using VideoTranslation.Server.Storage;

namespace VideoTranslation.Server.Editing;

/// <summary>
/// The editable tracks of rendered video jobs, in the job database beside the jobs (so an edit on any node is seen by
/// every node, and two edits cannot both win): written by each render, changed by edits.
/// </summary>
public sealed class CueTrackStore(IJobDatabase database)
{
    private const string Columns = "track AS Track, version AS Version, rendered_version AS RenderedVersion, revision AS Revision, render_requested AS RenderRequested, cues AS Cues";

    public Task<IReadOnlyList<StoredTrack>> ListAsync(JobId id, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<StoredTrack>>(
            async connection => [.. (await connection.QueryAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM cue_tracks WHERE job_id = @Id ORDER BY track;", new { Id = id.Value }, cancellationToken: cancellationToken))).Select(row => row.ToStored())],
            cancellationToken);

    /// <summary>
    /// Stores edited tracks, all or none, each only if it is still at the version it was read at (<see cref="CueTrack.Version"/>
    /// less one); false when one was changed meanwhile.
    /// </summary>
    public Task<bool> UpdateAsync(JobId id, IReadOnlyList<CueTrack> edited, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, now) =>
        {
            await database.LockAsync(connection, transaction, "cues:" + id.Value);
            var versions = (await connection.QueryAsync<(string Track, long Version)>(
                "SELECT track, version FROM cue_tracks WHERE job_id = @Id;", new { Id = id.Value }, transaction)).ToDictionary(row => row.Track, row => row.Version);
            if (edited.Any(track => versions.GetValueOrDefault(track.Track, -1) != track.Version - 1))
            {
                return false;
            }

            foreach (var track in edited)
            {
                await connection.ExecuteAsync(
                    "UPDATE cue_tracks SET cues = @Cues, version = @Version, updated_at = @Now WHERE job_id = @Id AND track = @Track;",
                    new { Id = id.Value, track.Track, track.Version, Cues = track.ToJson(), Now = now },
                    transaction);
            }

            return true;
        }, cancellationToken);

    /// <summary>
    /// Keeps the tracks a render used, as it left them, as that render's (the first render is revision 1), and records the
    /// revision with the cues it changed. A track edited beyond what the render used (one it was not asked to render) keeps
    /// its edits for a later render.
    /// </summary>
    public Task SaveRenderedAsync(
        JobId id, IReadOnlyList<CueTrack> tracks, IReadOnlyDictionary<string, IReadOnlyList<string>> changes, CancellationToken cancellationToken) =>
        database.WriteAsync(async (connection, transaction, now) =>
        {
            var revision = await connection.ExecuteScalarAsync<long>(
                "SELECT COALESCE(MAX(revision), 0) + 1 FROM job_revisions WHERE job_id = @Id;", new { Id = id.Value }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO job_revisions (job_id, revision, rendered_at, changes) VALUES (@Id, @Revision, @Now, @Changes);",
                new { Id = id.Value, Revision = revision, Now = now, Changes = JsonSerializer.Serialize(changes) },
                transaction);
            foreach (var track in tracks)
            {
                await connection.ExecuteAsync(
                    """
                    INSERT INTO cue_tracks (job_id, track, version, rendered_version, revision, cues, updated_at)
                    VALUES (@Id, @Track, @Version, @Version, @Revision, @Cues, @Now)
                    ON CONFLICT (job_id, track) DO UPDATE SET cues = excluded.cues, rendered_version = excluded.version,
                        revision = excluded.revision, render_requested = 0, updated_at = excluded.updated_at
                    WHERE cue_tracks.version = excluded.version;
                    """,
                    new { Id = id.Value, track.Track, track.Version, Revision = revision, Cues = track.ToJson(), Now = now },
                    transaction);
            }

            return tracks.Count;
        }, cancellationToken);

    /// <summary>Every render of the job, oldest first: when, and which cues of which track it changed.</summary>
    public Task<IReadOnlyList<RenderRevision>> ListRevisionsAsync(JobId id, CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<RenderRevision>>(
            async connection => [.. (await connection.QueryAsync<(long Revision, long RenderedAt, string Changes)>(new CommandDefinition(
                    "SELECT revision, rendered_at, changes FROM job_revisions WHERE job_id = @Id ORDER BY revision;", new { Id = id.Value }, cancellationToken: cancellationToken)))
                .Select(row => new RenderRevision(
                    (int)row.Revision,
                    DateTimeOffset.FromUnixTimeMilliseconds(row.RenderedAt),
                    JsonSerializer.Deserialize<Dictionary<string, IReadOnlyList<string>>>(row.Changes) ?? []))],
            cancellationToken);

    private sealed record Row
    {
        public required string Track { get; init; }

        public long Version { get; init; }

        public long RenderedVersion { get; init; }

        public long Revision { get; init; }

        public long RenderRequested { get; init; }

        public required string Cues { get; init; }

        public StoredTrack ToStored() => new(CueTrack.FromJson(Cues) with { Version = Version }, RenderedVersion, (int)Revision, RenderRequested != 0);
    }
}
