using Microsoft.Extensions.Diagnostics.HealthChecks;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>
/// The body of <c>GET /api/health</c>: the overall status and each check's (<c>Healthy</c>, <c>Degraded</c> or
/// <c>Unhealthy</c>, the names of <see cref="HealthStatus"/>), with durations in milliseconds.
/// </summary>
/// <param name="Status">The worst status of all checks; the HTTP status is 200 unless it is Unhealthy (503).</param>
/// <param name="TotalDurationMs">Time to run all checks (ms).</param>
/// <param name="Checks">Each check by name: <c>model</c> and <c>warm_up</c>.</param>
internal sealed record HealthReportBody(string Status, double TotalDurationMs, IReadOnlyDictionary<string, HealthReportBody.Check> Checks)
{
    /// <summary>Writes <paramref name="report"/> as JSON; the health-check middleware has set the status code.</summary>
    public static Task WriteAsync(HttpContext context, HealthReport report) =>
        context.Response.WriteAsJsonAsync(From(report), PredictionJson.Options, context.RequestAborted);

    public static HealthReportBody From(HealthReport report) =>
        new(report.Status.ToString(), Math.Round(report.TotalDuration.TotalMilliseconds, 2),
            report.Entries.ToDictionary(e => e.Key, e => new Check(
                e.Value.Status.ToString(), e.Value.Description, Math.Round(e.Value.Duration.TotalMilliseconds, 2), e.Value.Data)));

    /// <summary>One check's result.</summary>
    /// <param name="Status">Healthy, Degraded or Unhealthy.</param>
    /// <param name="Description">What the check found, in one line.</param>
    /// <param name="DurationMs">Time the check took (ms).</param>
    /// <param name="Data">Details: for <c>model</c> the bundle's name, label count and device; for <c>warm_up</c> its time.</param>
    internal sealed record Check(string Status, string? Description, double DurationMs, IReadOnlyDictionary<string, object> Data);
}
