using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SpeechEmotion.Audio;

namespace SpeechEmotion.Web.Tests;

/// <summary>Bounds on the work of one request, malformed bodies and the security headers.</summary>
public sealed class HardeningApiTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private static ByteArrayContent Wav(byte[] bytes)
    {
        var body = new ByteArrayContent(bytes);
        body.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
        return body;
    }

    private static byte[] Tone(double seconds, int sampleRate)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        for (int i = 0; i < samples.Length; i++)
            samples[i] = 0.3f * MathF.Sin(2 * MathF.PI * 220 * i / sampleRate);
        return WavWriter.ToBytes(samples, sampleRate);
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task Predict_ClipClaimingOneHertz_Returns400BeforeAnyWork()
    {
        // Given a tiny WAV that claims 1 Hz and lasts 60 s (resampled, it would be 1.3 million samples)
        var bytes = WavWriter.ToBytes(new float[60], sampleRate: 1);
        using var client = app.Factory.CreateClient();

        // When it is posted
        var response = await client.PostAsync("/api/predict?timeline=true", Wav(bytes));

        // Then it is refused for its sample rate
        Assert.Contains("sample rate is 1 Hz", await ErrorOf(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Predict_HopBelowTheMinimum_Returns400()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.PostAsync("/api/predict?hop=0.01", Wav(Tone(1, 8000)));

        Assert.Contains("'hop' must be at least 0.25 s", await ErrorOf(response, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task Predict_TimelineOverTheWindowLimit_Returns400AskingForALargerHop()
    {
        // Given a server that allows 3 windows per request and a 10 s clip (6 windows at a 1 s hop)
        using var factory = app.Factory.WithWebHostBuilder(web => web.UseSetting("Upload:MaxWindows", "3"));
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/predict", Wav(Tone(10, 8000)));

        var error = await ErrorOf(response, HttpStatusCode.BadRequest);
        Assert.Contains("needs 6 model windows; at most 3", error);
        Assert.Contains("larger hop", error);
    }

    [Fact]
    public async Task Predict_OverTheTimeBudget_Returns503AndStopsTheWork()
    {
        // Given a server whose clock says the budget has run out as soon as it starts
        using var factory = app.Factory.WithWebHostBuilder(web => web.ConfigureServices(s => s.AddSingleton<TimeProvider>(new ExpiredClock())));
        using var client = factory.CreateClient();

        var response = await client.PostAsync("/api/predict", Wav(Tone(10, 8000)));

        Assert.Contains("longer than the budget", await ErrorOf(response, HttpStatusCode.ServiceUnavailable));
    }

    [Fact]
    public async Task Predict_CutOffMultipartBody_Returns400Json()
    {
        // Given a multipart body that ends in the middle of the file, without its closing boundary
        var wav = Tone(1, 8000);
        var text = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"cut.wav\"\r\nContent-Type: audio/wav\r\n\r\n";
        var body = new ByteArrayContent([.. Encoding.ASCII.GetBytes(text), .. wav.AsSpan(0, wav.Length / 2)]);
        body.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=XyZ");
        using var client = app.Factory.CreateClient();

        var response = await client.PostAsync("/api/predict", body);

        Assert.Contains("cut off", await ErrorOf(response, HttpStatusCode.BadRequest));
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/health")]
    [InlineData("/api/nothing-here")]
    public async Task Responses_CarryTheSecurityHeaders(string path)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
    }

    [Fact]
    public async Task Kestrel_SendsNoServerHeader_AndRefusesForeignHostNames()
    {
        // Given the real app on Kestrel with its default settings
        await using var server = WebApp.Build(["--urls", "http://127.0.0.1:0", "--Model:Path", app.BundlePath, "--Logging:LogLevel:Default", "Warning"]);
        await server.StartAsync();
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls.Single()) };

        // When the page is asked for by its loopback address, and by a name a rebinding attacker would use
        var local = await client.GetAsync("/api/model");
        using var foreign = new HttpRequestMessage(HttpMethod.Get, "/api/model");
        foreign.Headers.Host = "attacker.example";
        var rebound = await client.SendAsync(foreign);

        // Then the first is served without a Server header and the second is refused
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.False(local.Headers.Contains("Server"));
        Assert.Equal(HttpStatusCode.BadRequest, rebound.StatusCode);
        await server.StopAsync();
    }

    /// <summary>A clock on which every timer is already due: the request budget expires before any work.</summary>
    private sealed class ExpiredClock : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            if (dueTime != Timeout.InfiniteTimeSpan)
                callback(state);
            return new StoppedTimer();
        }

        private sealed class StoppedTimer : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
