namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>Waits for something another process or thread brings about, failing with <paramref name="what"/> if it never does.</summary>
public static class Eventually
{
    public static async Task<T> ValueAsync<T>(Func<Task<T?>> read, string what, double seconds = 60)
        where T : class
    {
        for (var deadline = DateTime.UtcNow.AddSeconds(seconds); ; await Task.Delay(50))
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what} did not happen within {seconds} s.");
        }
    }
}
