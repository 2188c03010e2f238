using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace SpeechEmotion.Web.Tests;

/// <summary>/api/health: the built-in health checks <c>model</c> and <c>warm_up</c>, and the start-up warm-up.</summary>
public sealed class HealthTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    [Fact]
    public async Task Health_OnceWarmedUp_IsHealthy_WithEachChecksStatusAndTheModel()
    {
        using var client = app.Factory.CreateClient();

        // When the health is polled until the warm-up has run (it runs in the background at start-up)
        var (status, json) = await PollUntilHealthyAsync(client);

        // Then it is 200 Healthy, and each check says what it found
        using (json)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            var root = json.RootElement;
            Assert.Equal("Healthy", root.GetProperty("status").GetString());
            var checks = root.GetProperty("checks");
            Assert.Equal(["model", "warm_up"], checks.EnumerateObject().Select(c => c.Name));
            Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
            var model = checks.GetProperty("model").GetProperty("data");
            Assert.Equal("random.semodel", model.GetProperty("model").GetString());
            Assert.Equal(8, model.GetProperty("labels").GetInt32());
            Assert.Equal("cpu", model.GetProperty("device").GetString());
            Assert.True(checks.GetProperty("warm_up").GetProperty("data").GetProperty("elapsed_ms").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task Health_BeforeTheWarmUpHasRun_Is503Unhealthy_NamingTheWarmUp()
    {
        // Given an app whose warm-up never runs
        using var factory = app.Factory.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            var warmUp = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(WarmUpService));
            services.Remove(warmUp);
        }));
        using var client = factory.CreateClient();

        // When its health is asked for
        var response = await client.GetAsync("/api/health");

        // Then it is 503 Unhealthy because of the warm-up, while the model itself is fine
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", json.RootElement.GetProperty("status").GetString());
        var checks = json.RootElement.GetProperty("checks");
        Assert.Equal("Healthy", checks.GetProperty("model").GetProperty("status").GetString());
        Assert.Equal("Unhealthy", checks.GetProperty("warm_up").GetProperty("status").GetString());
        Assert.Contains("has not finished", checks.GetProperty("warm_up").GetProperty("description").GetString());
    }

    [Fact]
    public async Task WarmUpCheck_TurnsHealthy_OnlyAfterTheWarmUpPredictionHasRun()
    {
        // Given a warm-up that has not run yet
        var warmUp = new ModelWarmUp(app.Recognizer, NullLogger<ModelWarmUp>.Instance);
        var check = new WarmUpHealthCheck(warmUp);
        var before = await check.CheckHealthAsync(new HealthCheckContext());

        // When it runs
        warmUp.Run(CancellationToken.None);
        var after = await check.CheckHealthAsync(new HealthCheckContext());

        // Then the check goes from Unhealthy to Healthy, reporting the time the prediction took
        Assert.Equal(HealthStatus.Unhealthy, before.Status);
        Assert.Equal(HealthStatus.Healthy, after.Status);
        Assert.Null(warmUp.Result!.Error);
        Assert.True(warmUp.Result.Elapsed > TimeSpan.Zero);
        Assert.Equal(Math.Round(warmUp.Result.Elapsed.TotalMilliseconds, 1), after.Data["elapsed_ms"]);
    }

    [Fact]
    public async Task WarmUpCheck_IsUnhealthy_WhenThePredictionFails()
    {
        // Given a warm-up whose recognizer has been disposed
        var recognizer = SpeechEmotion.Inference.EmotionRecognizer.Load(app.BundlePath);
        recognizer.Dispose();
        var warmUp = new ModelWarmUp(recognizer, NullLogger<ModelWarmUp>.Instance);

        // When it runs
        warmUp.Run(CancellationToken.None);

        // Then the failure is recorded and the check reports it
        var result = await new WarmUpHealthCheck(warmUp).CheckHealthAsync(new HealthCheckContext());
        Assert.NotNull(warmUp.Result?.Error);
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.StartsWith("the warm-up prediction failed: ", result.Description);
    }

    [Fact]
    public void WarmUpClip_IsTheRequestedLength_AndAudible()
    {
        var clip = ModelWarmUp.Clip(22050, ModelWarmUp.ClipSeconds);

        Assert.Equal(22050, clip.Length);
        Assert.InRange(clip.Max(), 0.09f, 0.11f);
        Assert.Equal(clip, ModelWarmUp.Clip(22050, ModelWarmUp.ClipSeconds));
    }

    internal static async Task<(HttpStatusCode Status, JsonDocument Json)> PollUntilHealthyAsync(HttpClient client)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/api/health");
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (json.RootElement.GetProperty("status").GetString() == "Healthy" || DateTime.UtcNow > deadline) return (response.StatusCode, json);
            json.Dispose();
            await Task.Delay(100);
        }
    }
}
