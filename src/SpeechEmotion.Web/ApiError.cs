using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>A request the API refuses, with the HTTP status and a message for the client (no internals).</summary>
internal sealed class ApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The JSON error response <c>{ "error": "...", "request_id": "..." }</c> (see <see cref="ApiErrorBody"/>).</summary>
    public static IResult Response(int status, string message) => new ErrorResult(status, message);

    public IResult ToResult() => Response(Status, Message);

    /// <summary>Writes an <see cref="ApiErrorBody"/> for <paramref name="context"/>'s request (also outside endpoints).</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiErrorBody(message, context.TraceIdentifier), PredictionJson.Options, context.RequestAborted);
    }

    /// <summary>The error as an endpoint result; the request id is only known when it runs.</summary>
    internal sealed class ErrorResult(int status, string message) : IResult, IStatusCodeHttpResult
    {
        public int StatusCode => status;

        int? IStatusCodeHttpResult.StatusCode => status;

        public string Message => message;

        public Task ExecuteAsync(HttpContext httpContext) => WriteAsync(httpContext, status, message);
    }
}
