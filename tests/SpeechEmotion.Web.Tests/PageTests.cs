using Microsoft.Playwright;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>The page in a real browser against the real server. Screenshots go to the temp directory.</summary>
public sealed class PageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task UploadingAWav_ShowsTheLabelAndABarForEachEmotion()
    {
        // Given the page and a sample clip
        var page = await fixture.OpenPageAsync();
        string clip = TestBundles.SampleClips[0];

        // When the clip is chosen in the file input
        await page.Locator("#file-input").SetInputFilesAsync(clip);

        // Then the server's label is shown with 8 bars, in label order, and the clip can be played back
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        using var recognizer = EmotionRecognizer.Load(fixture.BundlePath);
        var expected = recognizer.Predict(clip);
        await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync(expected.Label);
        await Assertions.Expect(page.Locator("#bars .bar")).ToHaveCountAsync(8);
        Assert.Equal(EmotionLabels.Ravdess, await page.Locator("#bars .bar .bar-name").AllTextContentsAsync());
        Assert.Equal($"{expected.Confidence * 100:0.0}% confidence", await page.Locator("#confidence").TextContentAsync());
        Assert.StartsWith("blob:", await page.Locator("#player").GetAttributeAsync("src"));
        Assert.False(await page.Locator("#error").IsVisibleAsync());
        await Assertions.Expect(page.Locator("#timeline-section")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("upload"), FullPage = true });
    }

    [BrowserFact]
    public async Task UploadingAnMp3_ShowsItsLabel_AndTheFileInputOffersMp3AndOgg()
    {
        // Given the page and an MP3 clip
        var page = await fixture.OpenPageAsync();
        string clip = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed", "speech.mp3");
        string accept = (await page.Locator("#file-input").GetAttributeAsync("accept"))!;
        Assert.Contains(".mp3", accept);
        Assert.Contains(".ogg", accept);

        // When it is chosen in the file input
        await page.Locator("#file-input").SetInputFilesAsync(clip);

        // Then the server's label for it is shown
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        using var recognizer = EmotionRecognizer.Load(fixture.BundlePath);
        await Assertions.Expect(page.Locator("#label")).ToHaveTextAsync(recognizer.Predict(clip).Label);
        await Assertions.Expect(page.Locator("#clip-name")).ToHaveTextAsync("speech.mp3");
        Assert.False(await page.Locator("#error").IsVisibleAsync());
    }

    [BrowserFact]
    public async Task UploadingALongWav_ShowsTheTimeline()
    {
        var page = await fixture.OpenPageAsync();

        await page.Locator("#file-input").SetInputFilesAsync(TestBundles.LongClip);

        using var recognizer = EmotionRecognizer.Load(fixture.BundlePath);
        var timeline = recognizer.PredictTimeline(TestBundles.LongClip).Timeline!;
        // Neighbouring windows with the same label are drawn as one block.
        int blocks = 1 + timeline.Zip(timeline.Skip(1)).Count(p => p.First.Label != p.Second.Label);
        await Assertions.Expect(page.Locator("#timeline-section")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#timeline .segment")).ToHaveCountAsync(blocks);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("timeline"), FullPage = true });
    }

    [BrowserFact]
    public async Task UploadingACorruptFile_ShowsTheServersError()
    {
        // Given a page that already shows a result
        var page = await fixture.OpenPageAsync();
        await page.Locator("#file-input").SetInputFilesAsync(TestBundles.SampleClips[1]);
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();

        // When a file that is not audio is uploaded
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload
        {
            Name = "broken.wav",
            MimeType = "audio/wav",
            Buffer = "this is not a wav file"u8.ToArray(),
        });

        // Then the error names the file in plain words and the old result is gone
        await Assertions.Expect(page.Locator("#error")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("“broken.wav” doesn't look like an audio recording");
        await Assertions.Expect(page.Locator("#result")).ToBeHiddenAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Screenshot("error"), FullPage = true });
    }

    [BrowserFact]
    public async Task RecordingFromTheMicrophone_SendsAWavAndShowsTheResult()
    {
        // Given the page with Chromium's synthetic microphone
        var page = await fixture.OpenPageAsync();

        // When a recording of about 1.5 s is made
        await page.Locator("#record-button").ClickAsync();
        await Assertions.Expect(page.Locator("#record-text")).ToHaveTextAsync("Stop recording");
        await page.WaitForTimeoutAsync(1500);
        await page.Locator("#record-button").ClickAsync();

        // Then the page encoded it as a WAV the server accepts, and shows its prediction
        await Assertions.Expect(page.Locator("#answer")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#clip-name")).ToHaveTextAsync("recording.wav");
        await Assertions.Expect(page.Locator("#bars .bar")).ToHaveCountAsync(8);
        Assert.Contains(await page.Locator("#label").TextContentAsync(), EmotionLabels.Ravdess);
        Assert.False(await page.Locator("#error").IsVisibleAsync());
    }

    private static string Screenshot(string name) => Path.Combine(Path.GetTempPath(), $"speech-emotion-{name}.png");
}
