using System.Globalization;
using SpeechEmotion.Audio;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>The JSON API: <c>POST /api/predict</c>, <c>GET /api/model</c> (<c>GET /api/health</c> is the health checks, see <see cref="WebApp"/>).</summary>
internal static class PredictionApi
{
    public static void MapPredictionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/model", (EmotionRecognizer recognizer, ModelSettings model, UploadSettings limits) =>
            Results.Json(ModelInfo.From(recognizer, model, limits), PredictionJson.Options)).DescribeModel();
        // Reads the body itself (multipart or raw WAV), so no form binding and no antiforgery token.
        api.MapPost("/predict", PredictAsync).DisableAntiforgery().DescribePredict().AddEndpointFilter<PredictionLog>();
    }

    /// <summary>
    /// Predicts the uploaded WAV. Query: <c>timeline=true|false</c> (default: a timeline only for clips longer
    /// than the model window) and <c>hop=SECONDS</c> (default <c>Upload:TimelineHopSeconds</c>).
    /// </summary>
    private static async Task<IResult> PredictAsync(HttpRequest request, EmotionRecognizer recognizer, UploadSettings limits, CancellationToken ct)
    {
        // The budget and the client's disconnect (ct is RequestAborted) both stop the per-window work.
        var timeProvider = request.HttpContext.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(limits.TimeBudgetSeconds), timeProvider);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(ct, budget.Token);
        try
        {
            bool? timeline = ParseQuery<bool>(request, "timeline", s => bool.TryParse(s, out bool b) ? b : null, "true or false");
            double hop = ParseQuery<double>(request, "hop", s => double.TryParse(s, CultureInfo.InvariantCulture, out double h) && h > 0 && double.IsFinite(h) ? h : null, "a positive number of seconds")
                ?? limits.TimelineHopSeconds;
            if (hop < limits.MinHopSeconds)
            {
                throw new ApiError(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture,
                    $"query parameter 'hop' must be at least {limits.MinHopSeconds:0.###} s (got {hop:0.###})"));
            }
            var (name, bytes) = await UploadReader.ReadAsync(request, limits, ct);
            var audio = Decode(name, bytes, limits.MaxDurationSeconds, limits.MaxDecodedSamples);
            if (audio.SampleRate < limits.MinSampleRate || audio.SampleRate > limits.MaxSampleRate)
            {
                throw new ApiError(StatusCodes.Status400BadRequest,
                    $"{name}: the sample rate is {audio.SampleRate} Hz; accepted are {limits.MinSampleRate} to {limits.MaxSampleRate} Hz");
            }
            if (audio.DurationSeconds > limits.MaxDurationSeconds || audio.DurationSeconds < limits.MinDurationSeconds)
            {
                throw new ApiError(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: the clip is {audio.DurationSeconds:0.###} s long; accepted are {limits.MinDurationSeconds:0.###} to {limits.MaxDurationSeconds:0.#} s"));
            }
            var input = AudioInput.FromAudio(audio, name);
            bool withTimeline = timeline ?? audio.DurationSeconds > (recognizer.WindowSeconds ?? double.PositiveInfinity);
            if (withTimeline && WindowCount(audio.DurationSeconds, recognizer.WindowSeconds, hop) is var windows && windows > limits.MaxWindows)
            {
                throw new ApiError(StatusCodes.Status400BadRequest, string.Create(CultureInfo.InvariantCulture,
                    $"{name}: a timeline with a {hop:0.###} s hop needs {windows} model windows; at most {limits.MaxWindows} per request (ask for a larger hop)"));
            }
            // Features run on this thread; the forward pass is shared with the requests that arrive meanwhile.
            var prediction = withTimeline
                ? await recognizer.PredictTimelineAsync(input, hop, work.Token)
                : await recognizer.PredictAsync(input, work.Token);
            return Results.Json(prediction, PredictionJson.Options);
        }
        catch (ApiError e)
        {
            return e.ToResult();
        }
        catch (RecognizerBusyException e)
        {
            // The queue in front of the network is full: the client should come back, not pile on.
            request.HttpContext.Response.Headers.RetryAfter = "1";
            return ApiError.Response(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Results.Empty;   // the client has gone: nobody reads an answer
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return ApiError.Response(StatusCodes.Status503ServiceUnavailable, string.Create(CultureInfo.InvariantCulture,
                $"the analysis took longer than the budget of {limits.TimeBudgetSeconds:0.#} s; send a shorter clip or ask for a larger hop"));
        }
    }

    /// <summary>Windows a timeline needs: one per hop while a window ends before the clip does, plus the last.</summary>
    internal static long WindowCount(double durationSeconds, double? windowSeconds, double hopSeconds)
    {
        if (windowSeconds is not double window || durationSeconds <= window) return 1;
        return (long)Math.Ceiling((durationSeconds - window) / hopSeconds) + 1;
    }

    /// <summary>
    /// Decodes the upload, stopping an MP3/Ogg past the longest accepted clip: 415 when it is no audio format we
    /// read at all, 400 when it is a broken or too long one.
    /// </summary>
    private static AudioBuffer Decode(string name, byte[] bytes, double maxSeconds, long maxSamples)
    {
        try
        {
            return AudioInput.FromBytes(bytes, name).Decode(maxSeconds, maxSamples);
        }
        catch (AudioFormatException e)
        {
            bool looksLikeAudio = AudioReader.Detect(bytes) != AudioFileFormat.Unknown;
            throw new ApiError(looksLikeAudio ? StatusCodes.Status400BadRequest : StatusCodes.Status415UnsupportedMediaType, e.Message);
        }
    }

    private static T? ParseQuery<T>(HttpRequest request, string key, Func<string, T?> parse, string expected) where T : struct
    {
        if (!request.Query.TryGetValue(key, out var values)) return null;
        return parse(values.ToString()) ?? throw new ApiError(StatusCodes.Status400BadRequest, $"query parameter '{key}' must be {expected} (got '{values}')");
    }
}
