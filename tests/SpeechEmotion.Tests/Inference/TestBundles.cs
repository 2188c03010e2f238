using SpeechEmotion.Audio;
using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using TorchSharp;

namespace SpeechEmotion.Tests.Inference;

/// <summary>
/// Test inputs: the repository's sample clips and a model bundle with seeded random weights, normalized on
/// those clips' features, so tests do not depend on a trained model. (Also linked into the web tests.)
/// </summary>
internal static class TestBundles
{
    /// <summary>The repository root (the directory holding SpeechEmotion.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>data/samples/*.wav, sorted by name.</summary>
    public static string[] SampleClips =>
        Directory.GetFiles(Path.Combine(RepositoryRoot, "data", "samples"), "*.wav").Order(StringComparer.Ordinal).ToArray();

    /// <summary>The sample clip longer than the model window (several timeline windows).</summary>
    public static string LongClip => Path.Combine(RepositoryRoot, "data", "samples", "story-long.wav");

    /// <summary>Writes a bundle with weights drawn from <paramref name="seed"/> to <paramref name="path"/>.</summary>
    public static void SaveRandomBundle(string path, int seed = 1234)
    {
        var options = new FeatureOptions();
        var extractor = new FeatureExtractor(options with { MaxFrames = null });
        var clips = SampleClips.Select(p => new LabeledClip(p, extractor.Extract(WavReader.Read(p)), 0, 0)).ToList();
        clips = clips.Select(c => c with { ValidFrames = c.Features.Frames }).ToList();
        var config = ModelConfig.Original;
        torch.manual_seed(seed);
        var manifest = new BundleManifest
        {
            Labels = EmotionLabels.Ravdess,
            FeatureOptions = options,
            Normalization = FeatureNormalization.Fit(clips),
            Model = config,
            Seed = seed,
            Metrics = new Dictionary<string, double> { ["test_accuracy"] = 0.125 },
            Data = new Dictionary<string, string> { ["corpus"] = "random weights for tests" },
        };
        using var bundle = ModelBundle.Create(manifest, new EmotionNet(config));
        bundle.Save(path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpeechEmotion.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No SpeechEmotion.sln above {AppContext.BaseDirectory}.");
    }
}
