using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>Health check <c>model</c>: the bundle is loaded (the app loads it before it listens); reports which one.</summary>
internal sealed class ModelHealthCheck(IServiceProvider services, ModelSettings model) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var recognizer = services.GetRequiredService<EmotionRecognizer>();
            var data = new Dictionary<string, object>
            {
                ["model"] = model.SourceName,
                ["labels"] = recognizer.Labels.Count,
                ["device"] = recognizer.Options.Device,
            };
            return Task.FromResult(HealthCheckResult.Healthy($"{model.SourceName} loaded: {recognizer.Labels.Count} labels on {recognizer.Options.Device}", data));
        }
        catch (Exception e) when (WebApp.IsStartupError(e))
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"the model is not loaded: {e.Message}"));
        }
    }
}
