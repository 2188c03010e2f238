using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SpeechEmotion.Web;

/// <summary>Health check <c>warm_up</c>: Unhealthy until the start-up prediction (<see cref="ModelWarmUp"/>) has run, and if it failed.</summary>
internal sealed class WarmUpHealthCheck(ModelWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.Result switch
        {
            null => HealthCheckResult.Unhealthy("the warm-up prediction has not finished yet"),
            { Error: string error } => HealthCheckResult.Unhealthy($"the warm-up prediction failed: {error}"),
            var done => HealthCheckResult.Healthy(
                string.Create(CultureInfo.InvariantCulture, $"the warm-up prediction took {done.Elapsed.TotalMilliseconds:0} ms"),
                new Dictionary<string, object> { ["elapsed_ms"] = Math.Round(done.Elapsed.TotalMilliseconds, 1) }),
        });
}
