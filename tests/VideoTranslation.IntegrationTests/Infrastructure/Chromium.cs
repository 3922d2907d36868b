using Microsoft.Playwright;

namespace VideoTranslation.IntegrationTests.Infrastructure;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by scripts/test.sh), headless, driven by Playwright: no
/// browser is downloaded. One browser per test class; each test opens its own context (storage, downloads).
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Without the background-networking switches Chromium keeps trying to reach Google's hosts, which a closed
    // network refuses; the autoplay policy lets a test start playback without a user gesture.
    private static readonly string[] Switches =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required",
    ];

    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: ./scripts/test.sh installs it (Debian packages chromium and chromium-driver).");
        }

        // Playwright's expectations give up after 5 s by default, which a page waiting on a busy 2-core CI machine
        // can take; 30 s, like its actions, keeps the tests about what the page does rather than how fast.
        Assertions.SetDefaultExpectTimeout(30_000);
        playwright = await Playwright.CreateAsync();
        Browser = await LaunchAsync();
    }

    /// <summary>Another browser with extra switches, e.g. Blink features that are off by default.</summary>
    public Task<IBrowser> LaunchAsync(params string[] extraSwitches) =>
        playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ExecutablePath, Headless = true, Args = [.. Switches, .. extraSwitches] });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    /// <summary>Where screenshots go: <c>artifacts/screenshots</c> in the repository (ignored by git), kept after the run.</summary>
    public static string ScreenshotPath(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Repository.Root, "artifacts", "screenshots"));
        return Path.Combine(directory.FullName, name + ".png");
    }
}
