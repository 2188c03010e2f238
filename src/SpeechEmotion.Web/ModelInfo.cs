using SpeechEmotion.Features;
using SpeechEmotion.Inference;
using SpeechEmotion.Modeling;

namespace SpeechEmotion.Web;

/// <summary>The body of <c>GET /api/model</c>: what the loaded bundle's manifest says, and the upload limits.</summary>
internal sealed record ModelInfo(
    string Source,
    IReadOnlyList<string> Labels,
    double? WindowSeconds,
    FeatureOptions FeatureOptions,
    ModelConfig Model,
    int Networks,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyDictionary<string, string> Data,
    int? Seed,
    IReadOnlyDictionary<string, string> Versions,
    DateTimeOffset CreatedUtc,
    UploadLimits Limits)
{
    public static ModelInfo From(EmotionRecognizer recognizer, ModelSettings model, UploadSettings limits)
    {
        var manifest = recognizer.Manifest;
        return new ModelInfo(
            model.SourceName, recognizer.Labels, recognizer.WindowSeconds, manifest.FeatureOptions, manifest.Model,
            manifest.Ensemble?.Count ?? 1, manifest.Metrics, manifest.Data, manifest.Seed, manifest.Versions, manifest.CreatedUtc,
            new UploadLimits(limits.MaxBytes, limits.MinDurationSeconds, limits.MaxDurationSeconds, limits.TimelineHopSeconds));
    }
}

/// <summary>Upload limits as clients see them.</summary>
internal sealed record UploadLimits(long MaxUploadBytes, double MinDurationSeconds, double MaxDurationSeconds, double TimelineHopSeconds);
