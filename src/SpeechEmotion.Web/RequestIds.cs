namespace SpeechEmotion.Web;

/// <summary>
/// Gives every response an <c>X-Request-Id</c> header: the request's <see cref="HttpContext.TraceIdentifier"/>, which
/// ASP.NET Core also puts as <c>RequestId</c> in the log scope of everything logged while serving the request, and
/// which error bodies repeat (<see cref="ApiErrorBody"/>). A user quoting it finds the request's log lines.
/// </summary>
internal static class RequestIds
{
    /// <summary>The response header that carries the request id.</summary>
    public const string HeaderName = "X-Request-Id";

    /// <summary>Adds the header to every response, errors included (it is set as the response starts).</summary>
    public static IApplicationBuilder UseRequestIds(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderName] = context.TraceIdentifier;
                return Task.CompletedTask;
            });
            await next(context);
        });
}
