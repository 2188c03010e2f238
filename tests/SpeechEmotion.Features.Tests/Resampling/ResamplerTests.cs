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

    public static TheoryData<ResamplerBackend> Backends =>
        Resampler.SoxrAvailable ? new(ResamplerBackend.Soxr, ResamplerBackend.Managed) : new(ResamplerBackend.Managed);

    [Theory]
    [MemberData(nameof(Backends))]
    public void Resample_OutputLength_IsCeilOfScaledLength(ResamplerBackend backend)
    {
        // Given assorted lengths and rate pairs, librosa's length rule ceil(n * to / from) holds
        int[] lengths = [0, 1, 2, 7, 100, 4801, 48000];
        (int From, int To)[] rates = [(48000, 22050), (44100, 22050), (16000, 22050), (8000, 22050), (22050, 44100), (44101, 22050)];
        foreach (var (from, to) in rates)
        {
            foreach (int n in lengths)
            {
                var y = Resampler.Resample(new float[n], from, to, backend);
                Assert.Equal((int)Math.Ceiling(n * ((double)to / from)), y.Length);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Resample_Sine_KeepsFrequencyAndAmplitude(ResamplerBackend backend)
    {
        // Given 1 s of a 440 Hz sine at 48 kHz and at 16 kHz
        foreach (int from in new[] { 48000, 16000, 44101 })
        {
            var x = Enumerable.Range(0, from).Select(i => (float)(0.5 * Math.Sin(2 * Math.PI * 440 * i / from))).ToArray();

            // When resampled to 22050 Hz
            var y = Resampler.Resample(x, from, 22050, backend);

            // Then away from the edges it is the same sine sampled at 22050 Hz
            double max = 0;
            for (int i = 2000; i < y.Length - 2000; i++)
                max = Math.Max(max, Math.Abs(y[i] - 0.5 * Math.Sin(2 * Math.PI * 440 * i / 22050.0)));
            output.WriteLine($"{backend} {from} Hz: max {max:E2}");
            Assert.True(max < 1e-5, $"{backend} from {from} Hz: max error {max}");
        }
    }

    [Fact]
    public void Resample_SameRate_ReturnsACopy()
    {
        var x = new[] { 0.1f, -0.2f, 0.3f };
        var y = Resampler.Resample(x, 22050, 22050);
        Assert.Equal(x, y);
        Assert.NotSame(x, y);
    }

    [Fact]
    public void Resample_NonPositiveRate_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(new float[10], 0, 22050));
        Assert.Throws<ArgumentOutOfRangeException>(() => Resampler.Resample(new float[10], 22050, -1));
    }

    [Fact]
    public void Backend_IsSoxr_WhenLibsoxrIsInstalled()
    {
        // The default backend follows libsoxr's presence unless the environment forces the managed one.
        bool forced = string.Equals(Environment.GetEnvironmentVariable(Resampler.EnvironmentVariable), "managed", StringComparison.OrdinalIgnoreCase);
        Assert.Equal(Resampler.SoxrAvailable && !forced ? ResamplerBackend.Soxr : ResamplerBackend.Managed, Resampler.Backend);
    }
}
