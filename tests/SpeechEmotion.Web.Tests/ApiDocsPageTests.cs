using Microsoft.Playwright;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>The Swagger UI page in a real browser: it renders under its CSP, offline, and can call the API.</summary>
public sealed class ApiDocsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [BrowserFact]
    public async Task SwaggerUi_RendersTheOperations_WithoutCspViolationsOrForeignRequests()
    {
        // Given a browser that records console errors (CSP violations among them) and every request it makes
        var context = await fixture.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        var foreign = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        page.PageError += (_, e) => errors.Add(e);
        page.Request += (_, r) => { if (!r.Url.StartsWith(fixture.BaseUrl, StringComparison.Ordinal) && !r.Url.StartsWith("data:", StringComparison.Ordinal)) foreign.Add(r.Url); };

        // When the docs page is opened
        await page.GotoAsync(fixture.BaseUrl + "/swagger/index.html");

        // Then the three operations are listed, from the app alone, with no errors
        await Assertions.Expect(page.Locator(".opblock-summary-path")).ToHaveCountAsync(3);
        var paths = await page.Locator(".opblock-summary-path").AllTextContentsAsync();
        Assert.Equal(["/api/health", "/api/model", "/api/predict"], paths.Select(p => p.Trim().Replace("\u200b", "")).Order());
        await Assertions.Expect(page.Locator(".info .title")).ToContainTextAsync("SpeechEmotion API");
        Assert.Empty(errors);
        Assert.Empty(foreign);
        await context.CloseAsync();
    }

    [BrowserFact]
    public async Task SwaggerUi_TryItOut_UploadsAClip_AndShowsThePrediction()
    {
        // Given the docs page with the predict operation opened for trying out
        var context = await fixture.Browser!.NewContextAsync();
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(fixture.BaseUrl + "/swagger/index.html");
        var predict = page.Locator(".opblock-post");
        await predict.Locator(".opblock-summary").ClickAsync();
        await predict.Locator(".try-out__btn").ClickAsync();

        // When a clip is chosen for the file field and the request is executed
        await predict.Locator("input[type=file]").SetInputFilesAsync(TestBundles.SampleClips[0]);
        await predict.Locator(".execute").ClickAsync();

        // Then the live response is the prediction JSON
        var body = predict.Locator(".live-responses-table .response-col_description pre");
        await Assertions.Expect(body.First).ToContainTextAsync("\"probabilities\"", new() { Timeout = 60_000 });
        await Assertions.Expect(predict.Locator(".live-responses-table tbody .response-col_status").First).ToHaveTextAsync("200");
        Assert.Empty(errors);
        await context.CloseAsync();
    }
}
