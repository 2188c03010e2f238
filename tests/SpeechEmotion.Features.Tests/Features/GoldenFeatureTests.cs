using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Tests.Resampling;
using Xunit.Abstractions;

namespace SpeechEmotion.Tests.Features;

/// <summary>Parity with librosa 0.11 on the golden clips (tolerances from the project's acceptance criteria).</summary>
public sealed class GoldenFeatureTests(ITestOutputHelper output)
{
    private const double MfccTolerance = 0.02;   // columns 0-119
    private const double RmsTolerance = 1e-5;    // column 120

    private static readonly FeatureExtractor Extractor = new();
    private static readonly FeatureExtractor AllFrames = new(new FeatureOptions { MaxFrames = null });

    [Theory]
    [MemberData(nameof(GoldenData.All), MemberType = typeof(GoldenData))]
    public void Extract_FromLibrosaWaveform_MatchesMfccAndRms(string clip)
    {
        // Given librosa's exact 22050 Hz waveform of a clip
        var y = GoldenData.Resampled(clip);

        // When every frame is extracted
        var features = AllFrames.Extract(y);

        // Then the MFCC and RMS columns equal librosa's unpadded mfcc.csv and rms.csv
        var mfcc = GoldenData.Csv(clip, "mfcc");
        var rms = GoldenData.Csv(clip, "rms");
        Assert.Equal(GoldenData.Meta(clip).GetProperty("n_frames").GetInt32(), features.Frames);
        Assert.Equal(mfcc.Length, features.Frames);
        double maxMfcc = 0, maxRms = 0;
        for (int t = 0; t < features.Frames; t++)
        {
            for (int c = 0; c < 40; c++)
                maxMfcc = Math.Max(maxMfcc, Math.Abs(features[t, c] - mfcc[t][c]));
            maxRms = Math.Max(maxRms, Math.Abs(features[t, 120] - rms[t][0]));
        }
        output.WriteLine($"{clip}: mfcc max {maxMfcc:E2}, rms max {maxRms:E2}");
        Assert.True(maxMfcc <= MfccTolerance, $"MFCC max error {maxMfcc}");
        Assert.True(maxRms <= RmsTolerance, $"RMS max error {maxRms}");
    }

    [Theory]
    [MemberData(nameof(GoldenData.All), MemberType = typeof(GoldenData))]
    public void Extract_FromLibrosaWaveform_MatchesFeatureMatrix(string clip)
    {
        // Given librosa's exact 22050 Hz waveform of a clip
        var y = GoldenData.Resampled(clip);

        // When the default 248 x 121 matrix is extracted
        var features = Extractor.Extract(y);

        // Then it equals librosa's stacked, padded/cut matrix
        AssertMatches(clip, features, "from resampled.csv");
    }

    [SoxrTheory]
    [MemberData(nameof(GoldenData.All), MemberType = typeof(GoldenData))]
    public void ExtractFile_WithSoxr_MatchesLibrosaEndToEnd(string clip)
    {
        // Given a golden WAV file
        var extractor = new FeatureExtractor(null, ResamplerBackend.Soxr);

        // When it is decoded, resampled and extracted
        var features = extractor.ExtractFile(GoldenData.Wav(clip));

        // Then the matrix equals librosa's
        AssertMatches(clip, features, "end to end (soxr)");
    }

    [Theory]
    [MemberData(nameof(GoldenData.All), MemberType = typeof(GoldenData))]
    public void ExtractFile_WithManagedResampler_StaysNearLibrosa(string clip)
    {
        // Given a golden WAV file and the managed resampler
        var extractor = new FeatureExtractor(null, ResamplerBackend.Managed);

        // When it is decoded, resampled and extracted
        var features = extractor.ExtractFile(GoldenData.Wav(clip));

        // Then it stays within the distance documented on Resampler
        var (mfcc, rms) = MaxErrors(clip, features);
        output.WriteLine($"{clip} end to end (managed): columns 0-119 max {mfcc:E2}, rms max {rms:E2}");
        Assert.True(mfcc <= 0.5, $"MFCC/delta max error {mfcc}");
        Assert.True(rms <= 1e-5, $"RMS max error {rms}");
    }

    private void AssertMatches(string clip, FeatureMatrix features, string how)
    {
        var (mfcc, rms) = MaxErrors(clip, features);
        output.WriteLine($"{clip} {how}: columns 0-119 max {mfcc:E2}, rms max {rms:E2}");
        Assert.True(mfcc <= MfccTolerance, $"MFCC/delta max error {mfcc}");
        Assert.True(rms <= RmsTolerance, $"RMS max error {rms}");
    }

    private static (double Mfcc, double Rms) MaxErrors(string clip, FeatureMatrix features)
    {
        var expected = GoldenData.Csv(clip, "features");
        Assert.Equal(248, features.Frames);
        Assert.Equal(121, features.Features);
        Assert.Equal(expected.Length, features.Frames);
        double mfcc = 0, rms = 0;
        for (int t = 0; t < features.Frames; t++)
        {
            for (int c = 0; c < 120; c++)
                mfcc = Math.Max(mfcc, Math.Abs(features[t, c] - expected[t][c]));
            rms = Math.Max(rms, Math.Abs(features[t, 120] - expected[t][120]));
        }
        return (mfcc, rms);
    }
}
