using SpeechEmotion.Features;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Upper (and some lower) bounds on the values of a bundle's manifest, checked before anything is allocated.
/// <see cref="BundleManifest.Validate"/> checks that values make sense together; these bounds keep a
/// hand-edited or hostile manifest from aborting the process natively (<c>conv_channels: 100000</c> asks
/// libtorch for hundreds of gigabytes), overflowing (<c>max_frames: 2000000000</c>) or running for minutes per
/// prediction (<c>max_frames: 1000000</c>). Each bound is far above any network or feature setting in use.
/// </summary>
internal static class ManifestLimits
{
    /// <summary>Most networks in an ensemble bundle.</summary>
    public const int MaxEnsembleMembers = 64;

    /// <summary>Most parameters per network (256 MB of float32).</summary>
    public const long MaxParameters = 64_000_000;

    /// <summary>Largest model window: 20000 frames is 7.7 minutes at the default 22050 Hz and hop 512.</summary>
    public const int MaxFrames = 20_000;

    /// <summary>Most classes (labels).</summary>
    public const int MaxClasses = 1024;

    /// <summary>Throws one <see cref="ArgumentException"/> listing every value of <paramref name="manifest"/> out of bounds.</summary>
    public static void Check(BundleManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var errors = new OptionErrors("manifest (out of bounds)");
        if (manifest.Model is { } m)
        {
            errors
                .Check(m.InputFeatures is > 0 and <= 4096, $"input_features must be 1-4096 (got {m.InputFeatures})")
                .Check(m.ConvChannels is > 0 and <= 4096, $"conv_channels must be 1-4096 (got {m.ConvChannels})")
                .Check(m.ConvKernel is > 0 and <= 64, $"conv_kernel must be 1-64 (got {m.ConvKernel})")
                .Check(m.PoolSize is > 0 and <= 64, $"pool_size must be 1-64 (got {m.PoolSize})")
                .Check(m.LstmHidden is > 0 and <= 4096, $"lstm_hidden must be 1-4096 (got {m.LstmHidden})")
                .Check(m.LstmLayers is > 0 and <= 16, $"lstm_layers must be 1-16 (got {m.LstmLayers})")
                .Check(m.DenseUnits is > 0 and <= 16384, $"dense_units must be 1-16384 (got {m.DenseUnits})")
                .Check(m.NumClasses is > 0 and <= MaxClasses, $"num_classes must be 1-{MaxClasses} (got {m.NumClasses})");
            long parameters = ApproximateParameters(m);
            errors.Check(parameters <= MaxParameters, $"the network would have about {parameters:N0} parameters (at most {MaxParameters:N0})");
        }
        if (manifest.FeatureOptions is { } f)
        {
            errors
                .Check(f.SampleRate is >= 1000 and <= 384_000, $"feature_options.sample_rate must be 1000-384000 Hz (got {f.SampleRate})")
                .Check(f.NFft is >= 16 and <= 65_536, $"feature_options.n_fft must be 16-65536 (got {f.NFft})")
                .Check(f.HopLength >= 16 && f.HopLength <= f.NFft * 4L, $"feature_options.hop_length must be at least 16 and at most 4 n_fft (got {f.HopLength})")
                .Check(f.NMels is > 0 and <= 1024, $"feature_options.n_mels must be 1-1024 (got {f.NMels})")
                .Check(f.NMfcc is > 0 and <= 1024, $"feature_options.n_mfcc must be 1-1024 (got {f.NMfcc})")
                .Check(f.DeltaWidth <= 101, $"feature_options.delta_width must be at most 101 (got {f.DeltaWidth})")
                .Check(f.RmsFrameLength <= 65_536, $"feature_options.rms_frame_length must be at most 65536 (got {f.RmsFrameLength})")
                .Check(f.MaxFrames is null or (> 0 and <= MaxFrames), $"feature_options.max_frames must be 1-{MaxFrames} (got {f.MaxFrames})");
        }
        errors
            .Check(manifest.Labels is null || manifest.Labels.Count <= MaxClasses, $"at most {MaxClasses} labels (got {manifest.Labels?.Count})")
            .Check(manifest.Ensemble is null || manifest.Ensemble.Count <= MaxEnsembleMembers, $"an ensemble has at most {MaxEnsembleMembers} members (got {manifest.Ensemble?.Count})")
            .ThrowIfAny();
    }

    /// <summary>Weights of <see cref="EmotionNet"/> for <paramref name="m"/>, in 64-bit arithmetic so no value overflows.</summary>
    private static long ApproximateParameters(ModelConfig m)
    {
        long input = Math.Max(0, m.InputFeatures), channels = Math.Max(0, m.ConvChannels), kernel = Math.Max(0, m.ConvKernel);
        long hidden = Math.Max(0, m.LstmHidden), layers = Math.Max(0, m.LstmLayers), dense = Math.Max(0, m.DenseUnits);
        long classes = Math.Max(0, m.NumClasses);
        double total = (double)(input + 16) * channels * kernel + (double)channels * channels * kernel + 4.0 * channels;
        for (long layer = 0; layer < Math.Min(layers, 64); layer++)
        {
            double layerInput = layer == 0 ? channels : 2.0 * hidden;
            total += 2 * 4.0 * hidden * (layerInput + hidden + 2);
        }
        total += 2.0 * hidden * 2 + 2.0 * hidden * dense + (double)dense * classes;
        return total >= long.MaxValue ? long.MaxValue : (long)total;
    }
}
