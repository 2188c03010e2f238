using SpeechEmotion.Inference;

namespace SpeechEmotion.Web;

/// <summary>Configuration section <c>Model</c>: which bundle the app serves and where it runs.</summary>
internal sealed record ModelSettings
{
    /// <summary>Bundle file (<c>*.semodel</c>); null or empty serves the model bundled with SpeechEmotion.</summary>
    public string? Path { get; init; }

    /// <summary>cpu, cuda, cuda:N or auto.</summary>
    public string Device { get; init; } = "cpu";

    /// <summary>LibTorch intra-op threads; null keeps LibTorch's default.</summary>
    public int? Threads { get; init; }

    /// <summary>Loads the configured bundle (or the bundled default model).</summary>
    public EmotionRecognizer Load()
    {
        var options = new RecognizerOptions { Device = Device, Threads = Threads };
        return string.IsNullOrWhiteSpace(Path) ? EmotionRecognizer.LoadDefault(options) : EmotionRecognizer.Load(Path, options);
    }

    /// <summary>What the app tells clients about the model's origin: the bundle's file name or "bundled".</summary>
    public string SourceName => string.IsNullOrWhiteSpace(Path) ? "bundled" : System.IO.Path.GetFileName(Path);
}
