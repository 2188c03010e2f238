using System.Globalization;
using NWaves.Features;
using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class YinPitchTests
{
    private const int Rate = 22050;
    private static readonly FeatureOptions WithPitch = new() { Pitch = new PitchOptions(), MaxFrames = null };
    private static readonly int First = 3 * WithPitch.NMfcc + 1;   // the pitch columns follow RMS

    // A voiced sound: harmonics 1-8 of a pitch moving from f0Start to f0End (geometric glide), amplitudes 1/k.
    private static float[] Vowel(double seconds, double f0Start, double f0End, double level = 0.3)
    {
        var y = new float[(int)(seconds * Rate)];
        double phase = 0;
        for (int i = 0; i < y.Length; i++)
        {
            double f0 = f0Start * Math.Pow(f0End / f0Start, i / (double)y.Length);
            phase += 2 * Math.PI * f0 / Rate;
            double s = 0;
            for (int k = 1; k <= 8; k++)
                s += Math.Sin(k * phase) / k;
            y[i] = (float)(level * s / 2);
        }
        return y;
    }

    private static float[] Column(FeatureMatrix m, int column) =>
        Enumerable.Range(0, m.Frames).Select(t => m.Data[t * m.Features + column]).ToArray();

    private static double SemitonesToHz(double semitones) => 55 * Math.Pow(2, semitones / 12);

    [Fact]
    public void SteadyVowel_GivesItsPitch_NoRelativeMovement_AndHighPeriodicity()
    {
        // Given one second of a steady 220 Hz vowel
        var m = new FeatureExtractor(WithPitch).Extract(Vowel(1, 220, 220));

        // Then three columns follow RMS, and the frames away from the edges read 220 Hz, 0 semitones from the clip's
        // median, and a periodicity near 1
        Assert.Equal(3 * 40 + 1 + 3, m.Features);
        var inner = Enumerable.Range(4, m.Frames - 8).ToArray();
        foreach (var t in inner)
        {
            Assert.InRange(SemitonesToHz(Column(m, First)[t]), 218.9, 221.1);
            Assert.InRange(Column(m, First + 1)[t], -0.1f, 0.1f);
            Assert.InRange(Column(m, First + 2)[t], 0.9f, 1f);
        }
    }

    [Fact]
    public void GlideOverAnOctave_RisesTwelveSemitones_AroundTheClipMedian()
    {
        // Given a vowel gliding from 120 Hz to 240 Hz over two seconds
        var m = new FeatureExtractor(WithPitch).Extract(Vowel(2, 120, 240));
        var pitch = Column(m, First);
        var relative = Column(m, First + 1);

        // Then the log pitch climbs at an octave (12 semitones) per clip length between the first and last inner frames,
        // never falls by more than a tenth of a semitone, and the relative column is centred on the median frame
        int first = 4, last = m.Frames - 5;
        double expected = 12.0 * (last - first) * 512 / (2 * Rate);
        Assert.InRange(pitch[last] - pitch[first], expected - 0.2, expected + 0.2);
        for (int t = first + 1; t <= last; t++)
            Assert.True(pitch[t] > pitch[t - 1] - 0.1f, $"frame {t}: {pitch[t]} after {pitch[t - 1]}");
        Assert.InRange(relative[m.Frames / 2], -0.3f, 0.3f);
        Assert.InRange(relative[first], -6.5f, -5.5f);
    }

    [Fact]
    public void Noise_IsLessPeriodicThanAVowel_AndSilenceGivesZeros()
    {
        // Given white noise, and silence, each a second long
        var random = new Random(3);
        var noise = Enumerable.Range(0, Rate).Select(_ => (float)(random.NextDouble() * 0.6 - 0.3)).ToArray();
        var extractor = new FeatureExtractor(WithPitch);
        var fromNoise = Column(extractor.Extract(noise), First + 2);
        var fromVowel = Column(extractor.Extract(Vowel(1, 180, 180)), First + 2);
        var silence = extractor.Extract(new float[Rate]);

        // Then noise frames are far less periodic than vowel frames
        Assert.True(fromNoise.Average() < 0.5, $"noise periodicity {fromNoise.Average()}");
        Assert.True(fromVowel.Average() > 0.9, $"vowel periodicity {fromVowel.Average()}");
        // And silence has no pitch and no periodicity: zeros, never NaN
        for (int t = 0; t < silence.Frames; t++)
            for (int c = First; c < First + 3; c++)
                Assert.Equal(0f, silence.Data[t * silence.Features + c]);
    }

    [Fact]
    public void UnvoicedGap_IsBridgedByTheLineBetweenItsVoicedNeighbours()
    {
        // Given 150 Hz voice, 0.3 s of silence, then 300 Hz voice
        var y = Vowel(0.5, 150, 150).Concat(new float[(int)(0.3 * Rate)]).Concat(Vowel(0.5, 300, 300)).ToArray();
        var m = new FeatureExtractor(WithPitch).Extract(y);
        var pitch = Column(m, First);
        var periodicity = Column(m, First + 2);

        // Then frames in the middle of the gap are not periodic, and their pitch lies between the two voices' pitches
        // (no jump to zero that the network would read as a pitch fall)
        int middle = (int)(0.65 * Rate / 512);
        Assert.Equal(0f, periodicity[middle]);
        Assert.InRange(SemitonesToHz(pitch[middle]), 160, 290);
    }

    [Fact]
    public void EveryFrame_MatchesLibrosasYinAlgorithm_OnSpeech()
    {
        // Given the 3 s golden speech clip as librosa resampled it, and the pitch track of librosa 0.11's yin transcribed
        // to numpy (scripts/yin-reference.py: frame 2048, hop 512, 60-600 Hz, threshold 0.1, centred with zeros)
        var y = GoldenData.Resampled("speech_48k_s16");
        var expected = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "TestData", "yin", "speech_48k_s16.yin.csv"))
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var yin = new YinPitch(Rate, new RealFft(2048), new PitchOptions());
        var scratch = yin.CreateScratch();
        var frame = new double[2048];

        // Then every frame, silent or voiced, gets the same period and the same normalized difference there
        Assert.Equal(1 + y.Length / 512, expected.Length);
        for (int t = 0; t < expected.Length; t++)
        {
            for (int i = 0; i < frame.Length; i++)
            {
                int at = t * 512 - 1024 + i;
                frame[i] = at >= 0 && at < y.Length ? y[at] : 0;
            }
            var (f0, aperiodicity) = yin.Frame(frame, scratch);
            Assert.True(Math.Abs(f0 / expected[t][0] - 1) < 1e-6, $"frame {t}: {f0} Hz against {expected[t][0]}");
            Assert.True(Math.Abs(aperiodicity - expected[t][1]) < 1e-6, $"frame {t}: {aperiodicity} against {expected[t][1]}");
        }
    }

    [Fact]
    public void AgreesWithNWavesYin_OnVoicedFrames()
    {
        // Given a vowel gliding from 100 Hz to 300 Hz, and NWaves' YIN on the same frames (window of half the frame)
        var y = Vowel(2, 100, 300);
        var m = new FeatureExtractor(WithPitch).Extract(y);
        var pitch = Column(m, First);

        // Then on every frame that lies inside the clip both trackers give the same pitch within 1 %
        int checkedFrames = 0;
        for (int t = 4; t < m.Frames - 8; t++)
        {
            int start = t * 512 - 1024;
            float theirs = Pitch.FromYin(y, Rate, start, start + 2048, 60, 600, 0.1f);
            double ours = SemitonesToHz(pitch[t]);
            Assert.InRange(ours / theirs, 0.99, 1.01);
            checkedFrames++;
        }
        Assert.True(checkedFrames > 60);
    }

    [Fact]
    public void Options_RejectAPeriodLongerThanHalfTheFrame_AndStayOutOfTheJsonWhenOff()
    {
        // Given a lowest pitch whose period does not fit in half of a 512-sample frame
        var bad = new FeatureOptions { NFft = 512, Pitch = new PitchOptions { FMin = 60 } };

        // Then validation names it
        var e = Assert.Throws<ArgumentException>(bad.Validate);
        Assert.Contains("pitch.f_min = 60", e.Message);

        // And options without pitch serialize as before (feature caches and bundles keep their keys), while options with
        // pitch round-trip through JSON
        Assert.DoesNotContain("pitch", new FeatureOptions().ToJson());
        Assert.Equal(WithPitch, FeatureOptions.FromJson(WithPitch.ToJson()));
        Assert.Equal(124, WithPitch.FeatureCount);
    }
}
