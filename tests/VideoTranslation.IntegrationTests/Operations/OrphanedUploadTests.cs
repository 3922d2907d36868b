using VideoTranslation.IntegrationTests.Infrastructure;

namespace VideoTranslation.IntegrationTests.Operations;

/// <summary>Files of uploads that never became jobs (the API node died mid-upload) are swept; live ones are not.</summary>
public sealed class OrphanedUploadTests
{
    [Fact]
    public async Task An_old_upload_without_a_job_is_removed_at_start_and_a_recent_one_is_kept()
    {
        using var data = new TempDirectory();
        var old = Directory.CreateDirectory(Path.Combine(data.Path, "jobs", "cut-off-upload")).FullName;
        await File.WriteAllTextAsync(Path.Combine(old, "input.mp4"), "half a video");
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        var recent = Directory.CreateDirectory(Path.Combine(data.Path, "jobs", "upload-in-progress")).FullName;

        await using var server = await TestServer.StartAsync(TestServer.Settings(), data.Path);
        for (var i = 0; i < 100 && Directory.Exists(old); i++)
        {
            await Task.Delay(50);
        }

        Assert.False(Directory.Exists(old), "the cut-off upload was swept");
        Assert.True(Directory.Exists(recent), "an upload that may still be arriving is kept");
    }
}
