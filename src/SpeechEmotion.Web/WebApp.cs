using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.FileProviders;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>Builds the web app: one <see cref="EmotionRecognizer"/> loaded at start-up, the page and the JSON API.</summary>
internal static class WebApp
{
    /// <summary>Where the app listens unless <c>--urls</c> (or ASPNETCORE_URLS / ASPNETCORE_HTTP_PORTS) says otherwise.</summary>
    public const string DefaultUrl = "http://localhost:8501";

    /// <summary>Host names the app answers unless <c>AllowedHosts</c> says otherwise.</summary>
    public const string DefaultAllowedHosts = "localhost;127.0.0.1;[::1]";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Only loopback names by default (also when appsettings.json is absent): a DNS-rebinding page cannot reach
        // the server through a name of its own. Exposing the app means listing its public names (see README.md).
        if (string.IsNullOrEmpty(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = DefaultAllowedHosts;
        }

        // Settings are read when the container builds them, so test hosts can override configuration.
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IConfiguration>().GetSection("Model").Get<ModelSettings>() ?? new ModelSettings());
        builder.Services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IConfiguration>().GetSection("Upload").Get<UploadSettings>() ?? new UploadSettings();
            settings.Validate();
            return settings;
        });
        builder.Services.AddSingleton(sp => sp.GetRequiredService<ModelSettings>().Load());
        builder.Services.AddSingleton<ModelWarmUp>();
        builder.Services.AddHostedService<WarmUpService>();
        builder.Services.AddHealthChecks()
            .AddCheck<ModelHealthCheck>("model")
            .AddCheck<WarmUpHealthCheck>("warm_up");
        builder.Services.AddApiDocs();
        builder.Services.AddOptions<KestrelServerOptions>().Configure<IServiceProvider>((kestrel, sp) =>
        {
            kestrel.Limits.MaxRequestBodySize = sp.GetRequiredService<UploadSettings>().MaxRequestBytes;
            kestrel.AddServerHeader = false;   // no need to tell a scanner which server this is
        });

        var app = builder.Build();
        // Load the model now: a bad Model:Path fails at start-up, and the first request is not slow.
        var recognizer = app.Services.GetRequiredService<EmotionRecognizer>();
        app.Logger.LogInformation("Serving model {Source}: {Labels} (window {Window:0.00} s, device {Device})",
            app.Services.GetRequiredService<ModelSettings>().SourceName, string.Join(", ", recognizer.Labels),
            recognizer.WindowSeconds, recognizer.Options.Device);

        app.UseRequestIds();
        app.UseSecurityHeaders();
        // Unexpected failures: logged here (with the request id in the log scope), a one-line JSON error for the
        // client with that id (never a stack trace).
        app.UseExceptionHandler(error => error.Run(async context =>
        {
            var failure = context.Features.Get<IExceptionHandlerFeature>()?.Error;
            app.Logger.LogError(failure, "Request {Path} failed", context.Request.Path);
            await ApiError.WriteAsync(context, StatusCodes.Status500InternalServerError, "internal server error");
        }));
        // API errors without a body (404, 405, ...) get the same JSON shape.
        app.UseStatusCodePages(async status =>
        {
            var context = status.HttpContext;
            if (context.Request.Path.StartsWithSegments("/api") && !context.Response.HasStarted)
            {
                string message = context.Response.StatusCode switch
                {
                    404 => $"no such endpoint: {context.Request.Path}",
                    405 => $"{context.Request.Method} is not allowed on {context.Request.Path}",
                    int code => $"request failed with status {code}",
                };
                await ApiError.WriteAsync(context, context.Response.StatusCode, message);
            }
        });
        // The page ships in the app's output directory, so it is found whatever the working directory.
        var page = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "wwwroot"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = page });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = page });
        app.UseApiDocs();
        app.MapHealthChecks(ApiDocs.HealthPath, new HealthCheckOptions { ResponseWriter = HealthReportBody.WriteAsync });
        app.MapPredictionApi();
        return app;
    }

    /// <summary>Start-up failures that deserve one line rather than a stack trace (bad model path, bad settings).</summary>
    public static bool IsStartupError(Exception e) =>
        e is InvalidOperationException or InvalidDataException or IOException or ArgumentException or UnauthorizedAccessException;
}
