using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>Configuration section <c>Model</c>: which bundle the app serves and where it runs.</summary>
internal sealed record ModelSettings
{
    /// <summary>Bundle file (<c>*.semodel</c>); null or empty serves the model bundled with SpeechEmotion.</summary>
    public string? Path { get; init; }

    /// <summary>cpu, cuda, cuda:N or auto.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>
    /// LibTorch intra-op threads per forward pass; null keeps LibTorch's default (one per core). One by default: under
    /// load the other cores are busy analysing the next requests, and a team of threads waiting for each other at every
    /// LSTM step lost a fifth of the throughput (8 clients, 2 cores: about 100 against 125 requests/s).
    /// </summary>
    public int? Threads { get; init; } = 1;

    /// <summary>
    /// Most model windows waiting for the network before requests are refused with 503 and Retry-After (a 3.7 s clip
    /// is one window; a 300 s clip with a 1 s timeline about 450). At ~1000 windows/s this is about half a second of work.
    /// </summary>
    public int MaxQueuedWindows { get; init; } = 512;

    /// <summary>How long (ms) a forward pass may wait for requests still being analysed, to batch them together.</summary>
    public double BatchDelayMs { get; init; } = 2;

    /// <summary>Loads the configured bundle (or the bundled default model).</summary>
    public EmotionRecognizer Load()
    {
        var options = new RecognizerOptions
        {
            Device = Device,
            Threads = Threads,
            MaxQueuedWindows = MaxQueuedWindows,
            BatchDelay = TimeSpan.FromMilliseconds(BatchDelayMs),
        };
        return string.IsNullOrWhiteSpace(Path) ? EmotionRecognizer.LoadDefault(options) : EmotionRecognizer.Load(Path, options);
    }

    /// <summary>What the app tells clients about the model's origin: the bundle's file name or "bundled".</summary>
    public string SourceName => string.IsNullOrWhiteSpace(Path) ? "bundled" : System.IO.Path.GetFileName(Path);
}
