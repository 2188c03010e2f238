using SpeechEmotion.Audio;
using SpeechEmotion.Tests.Features;
using Xunit.Abstractions;

namespace SpeechEmotion.Tests.Resampling;

public sealed class ResamplerTests(ITestOutputHelper output)
{
    [SoxrTheory]
    [MemberData(nameof(GoldenData.ResampledTheory), MemberType = typeof(GoldenData))]
    public void Load_WithSoxr_MatchesLibrosaWaveform(string clip)
    {
        // Given a golden clip and librosa's resampled waveform
        var expected = GoldenData.Resampled(clip);

        // When it is loaded at 22050 Hz through libsoxr
        var y = AudioLoader.Load(GoldenData.Wav(clip), 22050, ResamplerBackend.Soxr);

        // Then every sample is within 1e-4 of librosa's
        double max = GoldenData.MaxAbsDiff(expected, y.Samples);
        output.WriteLine($"{clip}: soxr max |dy| = {max:E2}");
        Assert.Equal(22050, y.SampleRate);
        Assert.True(max <= 1e-4, $"max error {max}");
    }

    [Theory]
    [MemberData(nameof(GoldenData.ResampledTheory), MemberType = typeof(GoldenData))]
    public void Load_WithManagedResampler_StaysCloseToLibrosa(string clip)
    {
        // Given a golden clip and librosa's resampled waveform
        var expected = GoldenData.Resampled(clip);

        // When it is loaded with the managed fallback
        var y = AudioLoader.Load(GoldenData.Wav(clip), 22050, ResamplerBackend.Managed);

        // Then it has librosa's length and stays within the documented distance
        double max = GoldenData.MaxAbsDiff(expected, y.Samples);
        output.WriteLine($"{clip}: managed max |dy| = {max:E2}");
        Assert.True(max <= 1e-3, $"max error {max}");
    }
}
