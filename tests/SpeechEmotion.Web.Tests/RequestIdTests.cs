using SpeechEmotion.Audio;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>Request ids in the X-Request-Id header, in error bodies and in the log scope; structured prediction logs.</summary>
public sealed class RequestIdTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Theory]
    [InlineData("/api/predict?hop=-1", HttpStatusCode.BadRequest)]           // refused by the endpoint
    [InlineData("/api/nothing-here", HttpStatusCode.NotFound)]              // no endpoint
    [InlineData("/api/model", HttpStatusCode.MethodNotAllowed)]             // wrong method
    public async Task ErrorBody_QuotesTheRequestIdOfTheHeader(string path, HttpStatusCode expected)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.PostAsync(path, Wav(WavWriter.ToBytes(new float[8000], 8000)));

        Assert.Equal(expected, response.StatusCode);
        string header = response.Headers.GetValues(RequestIds.HeaderName).Single();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(header, json.RootElement.GetProperty("request_id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(header));
    }

    [Fact]
    public async Task EveryResponse_HasItsOwnRequestId()
    {
        using var client = app.Factory.CreateClient();

        var ids = new List<string>();
        foreach (string path in new[] { "/", "/api/model", "/api/health", "/openapi/v1.json", "/api/model" })
        {
            var response = await client.GetAsync(path);
            ids.Add(response.Headers.GetValues(RequestIds.HeaderName).Single());
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Prediction_IsLogged_WithStructuredFields_InTheScopeOfItsRequestId()
    {
        // Given an app whose logs are captured, and a sample clip
        var logs = new LogCapture();
        using var factory = app.Factory.WithWebHostBuilder(web => web.ConfigureLogging(l => l.AddProvider(logs)));
        using var client = factory.CreateClient();
        byte[] wav = File.ReadAllBytes(TestBundles.SampleClips[0]);
        var expected = app.Recognizer.Predict(TestBundles.SampleClips[0]);

        // When it is posted, and then a clip that is too short
        var ok = await client.PostAsync("/api/predict", Wav(wav));
        var refused = await client.PostAsync("/api/predict", Wav(WavWriter.ToBytes(new float[400], 16000)));

        // Then the prediction's entry carries the file size, duration, label and time as fields, and the request id
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        string okId = ok.Headers.GetValues(RequestIds.HeaderName).Single();
        var predicted = Assert.Single(logs.Entries, e => e.Category == typeof(PredictionLog).FullName && e.EventId.Id == 1);
        Assert.Equal((long)wav.Length, predicted.Fields["FileBytes"]);
        Assert.Equal(expected.DurationSeconds, (double)predicted.Fields["DurationSeconds"]!, 6);
        Assert.Equal(expected.Label, predicted.Fields["Label"]);
        Assert.IsType<double>(predicted.Fields["ElapsedMs"]);
        Assert.Equal(okId, predicted.ScopeFields["RequestId"]);
        Assert.Equal("/api/predict", predicted.ScopeFields["RequestPath"]);

        // And the refusal's entry carries its status and message, in its own request's scope
        string refusedId = refused.Headers.GetValues(RequestIds.HeaderName).Single();
        var refusal = Assert.Single(logs.Entries, e => e.Category == typeof(PredictionLog).FullName && e.EventId.Id == 2);
        Assert.Equal(400, refusal.Fields["StatusCode"]);
        Assert.Contains("the clip is 0.025 s long", (string)refusal.Fields["Error"]!);
        Assert.Equal(refusedId, refusal.ScopeFields["RequestId"]);
        Assert.NotEqual(okId, refusedId);
    }

    private static ByteArrayContent Wav(byte[] bytes)
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return body;
    }
}
