using Microsoft.Playwright;
using SpeechEmotion.Audio;
using SpeechEmotion.Inference;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>The page's rough edges: stale answers, long timelines, phones, non-audio files, favicon, CSP.</summary>
public sealed class PageHardeningTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Slow = new() { Timeout = 120_000 };

    [BrowserFact]
    public async Task PickingASecondFile_CancelsTheFirstRequest_AndShowsOnlyTheSecondAnswer()
    {
        // Given a page whose first upload is held back by the network
        var page = await fixture.OpenPageAsync();
        var first = new TaskCompletionSource<IRoute>();
        int calls = 0;
        await page.RouteAsync("**/api/predict", async route =>
        {
            if (Interlocked.Increment(ref calls) == 1) first.SetResult(route);
            else await route.ContinueAsync();
        });
        var firstFailed = new TaskCompletionSource<IRequest>();
        page.RequestFailed += (_, request) => { if (request.Url.EndsWith("/api/predict")) firstFailed.TrySetResult(request); };
        await page.Locator("#file-input").SetInputFilesAsync(TestBundles.SampleClips[0]);
        var held = await first.Task;

        // When a second file is picked before the first answer arrives
        string second = TestBundles.SampleClips[1];
        await page.Locator("#file-input").SetInputFilesAsync(second);

        // Then the first request is aborted, and the page shows the second clip's answer alone
        await firstFailed.Task.WaitAsync(TimeSpan.FromSeconds(60));
        try { await held.ContinueAsync(); } catch (PlaywrightException) { /* already aborted by the page */ }
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync(Slow);
        using var recognizer = EmotionRecognizer.Load(fixture.BundlePath);
        var expected = recognizer.Predict(second);
        await Assertions.Expect(page.Locator("#clip-name")).ToHaveTextAsync(Path.GetFileName(second));
        await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync(expected.Label);
        await Assertions.Expect(page.Locator("#clip-meta")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+\.\d s · \d+ KB$"));
    }

    [BrowserFact]
    public async Task A301SecondClip_HasMergedBlocks_ThinnedTicks_AndAWholeClipSummary()
    {
        // Given a 301 s clip whose windows change label now and then
        var page = await fixture.OpenPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        string path = Path.Combine(Path.GetTempPath(), $"long-{Guid.NewGuid():N}.wav");
        File.WriteAllBytes(path, LongTone(301, 4000));
        try
        {
            // When it is uploaded
            await page.Locator("#file-input").SetInputFilesAsync(path);
            await Assertions.Expect(page.Locator("#timeline-section")).ToBeVisibleAsync(Slow);

            // Then neighbouring blocks never share a label and there are fewer blocks than windows
            using var recognizer = EmotionRecognizer.Load(fixture.BundlePath);
            var timeline = recognizer.PredictTimeline(path).Timeline!;
            int changes = timeline.Zip(timeline.Skip(1)).Count(p => p.First.Label != p.Second.Label);
            await Assertions.Expect(page.Locator("#timeline .segment")).ToHaveCountAsync(changes + 1);
            var titles = await page.Locator("#timeline .segment").EvaluateAllAsync<string[]>("els => els.map(e => e.title.split(': ')[1].split(' (')[0])");
            Assert.All(titles.Zip(titles.Skip(1)), p => Assert.NotEqual(p.First, p.Second));

            // And the tick labels do not overlap
            var boxes = new List<LocatorBoundingBoxResult>();
            foreach (var tick in await page.Locator("#timeline-axis span").AllAsync())
                boxes.Add((await tick.BoundingBoxAsync())!);
            Assert.InRange(boxes.Count, 3, 20);
            Assert.All(boxes.Zip(boxes.Skip(1)), p => Assert.True(p.First.X + p.First.Width < p.Second.X, "tick labels overlap"));

            // And the headline is the mean over all windows, not the first window's answer
            var mean = recognizer.Labels.Select((label, k) => (label, p: timeline.Average(s => s.Probabilities.Values[k]))).MaxBy(x => x.p);
            await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync(mean.label);
            await Assertions.Expect(page.Locator("#confidence")).ToHaveTextAsync($"{mean.p * 100:0.0}% on average over {timeline.Count} windows");
            Assert.DoesNotContain(errors, e => e.Contains("Content Security Policy"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "speech-emotion-long-timeline.png"), FullPage = true });
        }
        finally
        {
            File.Delete(path);
        }
    }

    [BrowserFact]
    public async Task OnAPhone_ThePageSaysChooseOrRecord_NotDrop()
    {
        var page = await fixture.OpenPageAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });

        await Assertions.Expect(page.Locator("#drop-text")).ToHaveTextAsync("Choose an audio file or record one");
        Assert.DoesNotContain("Drop", await page.Locator("#drop-zone").InnerTextAsync());
    }

    [BrowserFact]
    public async Task APhoto_GetsAFriendlyMessage_WithoutBeingUploaded()
    {
        var page = await fixture.OpenPageAsync();
        int uploads = 0;
        page.Request += (_, r) => { if (r.Url.EndsWith("/api/predict")) uploads++; };

        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "holiday.jpg", MimeType = "image/jpeg", Buffer = [0xFF, 0xD8, 0xFF, 0xE0] });

        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("“holiday.jpg” doesn't look like an audio recording. Choose a WAV, MP3 or Ogg file, or record one with the microphone button.");
        Assert.Equal(0, uploads);
    }

    [BrowserFact]
    public async Task TheResult_IsScrolledIntoView_OnASmallScreen()
    {
        var page = await fixture.OpenPageAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 800, Height = 420 } });

        await page.Locator("#file-input").SetInputFilesAsync(TestBundles.SampleClips[0]);

        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync(Slow);
        await Assertions.Expect(page.Locator("#label")).ToBeInViewportAsync();
    }

    [BrowserFact]
    public async Task ThePage_AsksForNoFavicon_AndLoadsWithoutErrors()
    {
        var failures = new List<string>();
        var context = await fixture.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        page.Response += (_, r) => { if (r.Status >= 400) failures.Add($"{r.Status} {r.Url}"); };
        page.Console += (_, m) => { if (m.Type == "error") failures.Add(m.Text); };

        await page.GotoAsync(fixture.BaseUrl);
        await page.Locator("#file-input").SetInputFilesAsync(TestBundles.SampleClips[0]);
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync(Slow);

        Assert.Equal("data:,", await page.Locator("link[rel=icon]").GetAttributeAsync("href"));
        Assert.Empty(failures);
    }

    // A tone whose pitch and loudness change every 20 s, so that the windows' labels change now and then.
    private static byte[] LongTone(int seconds, int sampleRate)
    {
        var samples = new float[seconds * sampleRate];
        var random = new Random(7);
        for (int i = 0; i < samples.Length; i++)
        {
            int part = i / (20 * sampleRate);
            double f = 120 + 90 * (part % 4);
            double a = part % 3 == 0 ? 0.05 : 0.4;
            samples[i] = (float)(a * Math.Sin(2 * Math.PI * f * i / sampleRate) + 0.01 * (random.NextDouble() - 0.5));
        }
        return WavWriter.ToBytes(samples, sampleRate);
    }
}
