namespace SpeechEmotion.Web;

/// <summary>A request the API refuses, with the HTTP status and a message for the client (no internals).</summary>
internal sealed class ApiError(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    /// <summary>The JSON error response <c>{ "error": "..." }</c>.</summary>
    public static IResult Response(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["error"] = message }, statusCode: status);

    public IResult ToResult() => Response(Status, Message);
}
