using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;

namespace SpeechEmotion.Features.Tests.FrontEnd;

public class AudioFrontEndTests
{
    private const int Rate = 22050;

    /// <summary>A seeded "utterance": a 1.2 s vowel-like tone with vibrato and a little noise.</summary>
    private static float[] Speech(int seed, double seconds = 1.2, double amplitude = 0.3)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * Rate)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = (double)i / Rate;
            var envelope = Math.Sin(Math.PI * i / samples.Length);
            samples[i] = (float)(amplitude * envelope * (Math.Sin(2 * Math.PI * (180 + 20 * Math.Sin(6 * t)) * t) + 0.3 * Math.Sin(2 * Math.PI * 540 * t))
                + 0.002 * (random.NextDouble() - 0.5));
        }
        return samples;
    }

    private static float[] Pad(float[] core, double before, double after, double noise, int seed)
    {
        var random = new Random(seed);
        var padded = new float[(int)(before * Rate) + core.Length + (int)(after * Rate)];
        for (var i = 0; i < padded.Length; i++)
            padded[i] = (float)(noise * (random.NextDouble() - 0.5));
        for (var i = 0; i < core.Length; i++)
            padded[(int)(before * Rate) + i] += core[i];
        return padded;
    }

    [Fact]
    public void Trim_RemovesLeadingAndTrailingNearSilence_WithinOneHop()
    {
        // Given a 1.2 s utterance with 0.9 s of near-silence (-70 dBFS noise) before and after, RAVDESS style
        var core = Speech(1);
        var padded = Pad(core, 0.9, 0.9, 0.0006, 2);

        // When the silence is trimmed at 30 dB below the loudest frame
        var (start, end) = SilenceTrimmer.Span(padded, topDb: 30);

        // Then what is kept starts and ends near the utterance (its faded edges may go, by less than 0.2 s)
        var coreStart = (int)(0.9 * Rate);
        var coreEnd = coreStart + core.Length;
        Assert.InRange(start, coreStart - 512, coreStart + (int)(0.2 * Rate));
        Assert.InRange(end, coreEnd - (int)(0.2 * Rate), coreEnd + 512);
    }

    [Fact]
    public void Trim_OfDigitalSilence_KeepsTheWholeClip()
    {
        var silence = new float[Rate];
        Assert.Equal((0, Rate), SilenceTrimmer.Span(silence, topDb: 30));
        Assert.Equal((0, 0), SilenceTrimmer.Span([], topDb: 30));
    }

    [Fact]
    public void FrameDb_FollowsLibrosa_FrameCountAndLoudestFrameAtZero()
    {
        // librosa.feature.rms with center=True gives 1 + n // hop frames; amplitude_to_db(ref=np.max) puts the loudest at 0 dB
        var samples = Speech(3, seconds: 0.5);
        var db = SilenceTrimmer.FrameDb(samples, 2048, 512);
        Assert.Equal(1 + samples.Length / 512, db.Length);
        Assert.Equal(0, db.Max(), 12);
        Assert.All(db, v => Assert.True(v <= 0));
    }

    [Fact]
    public void Level_IsTheSame_WhateverTheRecordingGain()
    {
        // Given one utterance recorded at three levels 40 dB apart
        var frontEnd = new AudioFrontEnd(new FrontEndOptions());
        double[] Rms(float gain)
        {
            var clip = Speech(4).Select(s => s * gain).ToArray();
            var output = frontEnd.Apply(new AudioBuffer(clip, Rate)).Audio.Samples;
            return [Math.Sqrt(output.Average(s => (double)s * s))];
        }

        // When each goes through the front end, Then the output levels agree to 0.01 dB
        var levels = new[] { 0.01f, 0.1f, 1f }.Select(g => 20 * Math.Log10(Rms(g)[0])).ToArray();
        Assert.InRange(levels.Max() - levels.Min(), 0, 0.01);
    }

    [Fact]
    public void Features_OfPaddedAndTightlyCutCopies_Agree_AfterTheFrontEnd()
    {
        // Given the same utterance tightly cut at one level and padded with 0.9 s of near-silence at another
        var core = Speech(5);
        var tight = new AudioBuffer(core, Rate);
        var padded = new AudioBuffer(Pad(core.Select(s => s * 0.2f).ToArray(), 0.9, 0.9, 0.0001, 6), Rate);
        var frontEnd = new AudioFrontEnd(new FrontEndOptions());
        var extractor = new FeatureExtractor(new FeatureOptions { MaxFrames = null });

        // When both go through the front end and the features
        var a = extractor.Extract(frontEnd.Apply(tight).Audio);
        var b = extractor.Extract(frontEnd.Apply(padded).Audio);
        var rawB = extractor.Extract(padded);

        // Then they have about the same length and the same mean MFCC 0 (loudness), which the raw padded copy does not
        Assert.InRange(Math.Abs(a.Frames - b.Frames), 0, 3);
        Assert.True(rawB.Frames > a.Frames + 60);
        double MeanC0(FeatureMatrix m) => Enumerable.Range(0, m.Frames).Average(t => m.Row(t)[0]);
        Assert.InRange(Math.Abs(MeanC0(a) - MeanC0(b)), 0, 3.0);
        Assert.True(Math.Abs(MeanC0(a) - MeanC0(rawB)) > 30);
    }

    [Fact]
    public void None_LeavesTheWaveformUntouched()
    {
        var clip = new AudioBuffer(Speech(7), Rate);
        var result = new AudioFrontEnd(FrontEndOptions.None).Apply(clip);
        Assert.Same(clip, result.Audio);
        Assert.Equal(0, result.GainDb);
    }

    [Fact]
    public void Gain_IsCapped_SoNearSilenceIsNotBlownUpIntoNoise()
    {
        var whisper = new AudioBuffer(Speech(8).Select(s => s * 1e-4f).ToArray(), Rate);
        var result = new AudioFrontEnd(new FrontEndOptions { MaxGainDb = 20 }).Apply(whisper);
        Assert.Equal(20, result.GainDb, 6);
    }

    [Fact]
    public void Validate_ListsEveryBadValue()
    {
        var bad = new FrontEndOptions { TrimTopDb = -1, TrimHopLength = 0, TargetLevelDbfs = 3, MaxGainDb = double.NaN };
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("trim_top_db", e.Message);
        Assert.Contains("trim_hop_length", e.Message);
        Assert.Contains("target_level_dbfs", e.Message);
        Assert.Contains("max_gain_db", e.Message);
    }
}
