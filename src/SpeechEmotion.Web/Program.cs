using SpeechEmotion.Web;

// `SpeechEmotion.Web bench-web ...` runs the load benchmark instead of the server.
if (args is ["bench-web", ..]) return await LoadBenchmark.RunAsync(args[1..]);

WebApplication app;
try
{
    app = WebApp.Build(args);
}
catch (Exception e) when (WebApp.IsStartupError(e))
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
await app.RunAsync();
return 0;

/// <summary>The web app's entry point (public so that test hosts can start it).</summary>
public partial class Program;
