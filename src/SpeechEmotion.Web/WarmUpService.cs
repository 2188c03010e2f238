namespace SpeechEmotion.Web;

/// <summary>Runs <see cref="ModelWarmUp"/> once in the background, so the server listens (and reports 503) meanwhile.</summary>
internal sealed class WarmUpService(ModelWarmUp warmUp) : BackgroundService
{
    // Task.Run: ExecuteAsync runs on the start-up path until its first await, and the prediction never awaits.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() => warmUp.Run(stoppingToken), stoppingToken);
}
