namespace SpeechEmotion.Web;

/// <summary>
/// Response headers that keep the page from being framed, sniffed or made to load foreign content. The policy
/// fits the page as it is: its own script, style sheet and audio worklet, the recorded clip played from a
/// <c>blob:</c> URL, and an inline <c>data:</c> favicon; nothing else, and no inline script.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>The Content-Security-Policy of every response.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; " +
        "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// The policy of the API docs (<see cref="ApiDocs.UiPath"/>): Swagger UI's own scripts and style sheet, plus the inline
    /// styles its components set; still no inline or foreign script, and nothing loaded from elsewhere.
    /// </summary>
    public const string DocsContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Adds the headers to every response, errors included (they are set as the response starts).</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(ApiDocs.UiPath) ? DocsContentSecurityPolicy : ContentSecurityPolicy;
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "microphone=(self), camera=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            await next(context);
        });
}
