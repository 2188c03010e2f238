namespace SpeechEmotion.Web;

/// <summary>
/// The JSON body of every API error: <c>{ "error": "...", "request_id": "..." }</c>. The request id is the one in
/// the <c>X-Request-Id</c> response header and in the server's log scope, so a user can quote it.
/// </summary>
/// <param name="Error">One line for the client: what was wrong and, where it helps, what to do (no internals).</param>
/// <param name="RequestId">The request's id (<see cref="HttpContext.TraceIdentifier"/>).</param>
internal sealed record ApiErrorBody(string Error, string RequestId);
