using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>
/// The real app on Kestrel (127.0.0.1, a free port) serving a random-weight bundle, and headless Chromium
/// driven by Playwright. The browser starts only when Chromium is installed.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("se-browser-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public string BundlePath => Path.Combine(_directory, "random.semodel");

    public string BaseUrl { get; private set; } = "";

    public IBrowser? Browser { get; private set; }

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserFactAttribute.ChromiumPath)) return;
        TestBundles.SaveRandomBundle(BundlePath);
        _app = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Model:Path", BundlePath, "--Logging:LogLevel:Default", "Warning"]);
        await _app.StartAsync();
        BaseUrl = _app.Urls.Single();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserFactAttribute.ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
                // A synthetic microphone (a beeping tone) for the recording test.
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
    }

    /// <summary>A fresh page (own context; by default 1000 x 1100 with the microphone allowed) on the app's start page.</summary>
    public async Task<IPage> OpenPageAsync(BrowserNewContextOptions? options = null)
    {
        var context = await Browser!.NewContextAsync(options ?? new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1000, Height = 1100 },
            Permissions = ["microphone"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(BaseUrl);
        await Assertions.Expect(page.Locator("#model-info")).ToContainTextAsync("random.semodel");
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
