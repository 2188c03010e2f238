using System.Diagnostics;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>
/// Logs each <c>POST /api/predict</c> outcome as structured fields (file size, audio duration, label, elapsed time;
/// or the refusal's status and message). The request id comes with the log scope ASP.NET Core opens per request.
/// </summary>
internal sealed partial class PredictionLog(ILogger<PredictionLog> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        long start = Stopwatch.GetTimestamp();
        var result = await next(context);
        double elapsedMs = Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1);
        long? fileBytes = context.HttpContext.Features.Get<UploadedFile>()?.Bytes;
        switch (result)
        {
            case IValueHttpResult { Value: EmotionPrediction prediction }:
                Predicted(logger, prediction.Label, prediction.Confidence, fileBytes, prediction.DurationSeconds,
                    prediction.Timeline?.Count ?? 0, elapsedMs);
                break;
            case ApiError.ErrorResult error:
                Refused(logger, error.StatusCode, error.Message, fileBytes, elapsedMs);
                break;
        }
        return result;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information,
        Message = "Predicted {Label} ({Confidence:0.000}) for {FileBytes} bytes, {DurationSeconds:0.00} s of audio, {TimelineWindows} timeline windows, in {ElapsedMs} ms")]
    private static partial void Predicted(ILogger logger, string label, float confidence, long? fileBytes, double durationSeconds, int timelineWindows, double elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "Prediction refused with {StatusCode}: {Error} ({FileBytes} bytes, {ElapsedMs} ms)")]
    private static partial void Refused(ILogger logger, int statusCode, string error, long? fileBytes, double elapsedMs);
}
