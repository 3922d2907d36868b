using VideoTranslation.Server.Storage;

namespace VideoTranslation.UnitTests.Server;

public sealed class PostgresNotifyStatementTests
{
    // Building the database opens no connection: the statement is checked without a server.
    private static PostgresDatabase Offline() => new("Host=127.0.0.1;Database=none", TimeProvider.System);

    [Theory]
    [InlineData("new", "NOTIFY videotranslation, 'new';")]
    [InlineData("job:3f2b6c1e-9a4d-4e0b-8c7a-1d2e3f4a5b6c", "NOTIFY videotranslation, 'job:3f2b6c1e-9a4d-4e0b-8c7a-1d2e3f4a5b6c';")]
    public void The_store_s_messages_become_a_notify_statement(string message, string statement)
    {
        using var database = Offline();
        Assert.Equal(statement, database.PublishStatement(message));
    }

    [Theory]
    [InlineData("new'; DROP TABLE jobs; --")]
    [InlineData("a\\b")]
    [InlineData("new\n")]
    [InlineData("")]
    public void Anything_that_could_leave_the_literal_is_refused(string message)
    {
        using var database = Offline();
        Assert.Throws<ArgumentException>(() => database.PublishStatement(message));
    }
}
