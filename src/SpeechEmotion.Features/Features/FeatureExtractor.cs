using SpeechEmotion.Audio;

namespace SpeechEmotion.Features;

/// <summary>
/// Computes the librosa-compatible feature matrix <c>[frames, 3 * n_mfcc + 1]</c> of a clip.
/// Thread-safe: one instance may serve many threads.
/// </summary>
public sealed class FeatureExtractor
{
    /// <summary>Creates an extractor; options are validated here.</summary>
    public FeatureExtractor(FeatureOptions? options = null)
    {
        Options = options ?? new FeatureOptions();
    }

    /// <summary>The settings in use.</summary>
    public FeatureOptions Options { get; }

    /// <summary>Features of mono samples already at <see cref="FeatureOptions.SampleRate"/>.</summary>
    public FeatureMatrix Extract(ReadOnlySpan<float> samples) => throw new NotImplementedException();

    /// <summary>Features of a decoded clip; resampled to <see cref="FeatureOptions.SampleRate"/> first when needed.</summary>
    public FeatureMatrix Extract(AudioBuffer audio) => throw new NotImplementedException();

    /// <summary>Decodes, resamples and extracts a WAV/AIFF file.</summary>
    public FeatureMatrix ExtractFile(string path) => throw new NotImplementedException();
}
