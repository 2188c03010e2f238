using SpeechEmotion.Audio;

namespace SpeechEmotion.FrontEnd;

/// <summary>Applies <see cref="FrontEndOptions"/> to a decoded, resampled clip: trimming, then level normalisation.</summary>
public sealed class AudioFrontEnd
{
    /// <summary>Creates a front end; the options are validated here.</summary>
    /// <exception cref="ArgumentException">Invalid options.</exception>
    public AudioFrontEnd(FrontEndOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The settings in use.</summary>
    public FrontEndOptions Options { get; }

    /// <summary>Processes <paramref name="audio"/>; returns it unchanged (same instance) when the options do nothing.</summary>
    public FrontEndResult Apply(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var o = Options;
        if (o.IsIdentity)
            return new FrontEndResult(audio, 0, audio.Samples.Length, 0);

        var samples = audio.Samples;
        var (start, end) = o.TrimTopDb is { } topDb
            ? SilenceTrimmer.Span(samples, topDb, o.TrimFrameLength, o.TrimHopLength)
            : (0, samples.Length);
        var kept = samples.AsSpan(start, end - start);
        var gainDb = o.TargetLevelDbfs is { } target
            ? LevelNormalizer.GainDb(kept, target, o.TrimTopDb ?? 60, o.MaxGainDb, o.TrimFrameLength, o.TrimHopLength)
            : 0;
        var output = kept.ToArray();
        if (gainDb != 0)
        {
            var gain = (float)Math.Pow(10, gainDb / 20);
            for (var i = 0; i < output.Length; i++)
                output[i] *= gain;
        }
        return new FrontEndResult(new AudioBuffer(output, audio.SampleRate), start, end, gainDb);
    }
}
