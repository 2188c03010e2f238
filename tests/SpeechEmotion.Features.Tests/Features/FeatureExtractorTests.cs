using SpeechEmotion.Audio;
using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class FeatureExtractorTests
{
    private static float[] Noise(int n, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
    }

    [Fact]
    public void Extract_PadsShortClipsWithZeroRowsAtTheEnd()
    {
        // Given a 1 s clip (44 frames) and the default 248 frames
        var y = Noise(22050, 1);
        var padded = new FeatureExtractor().Extract(y);
        var all = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).Extract(y);

        // Then the first 44 rows are the clip's and the rest are zeros
        Assert.Equal(248, padded.Frames);
        Assert.Equal(44, all.Frames);
        Assert.Equal(all.Data, padded.Data.AsSpan(0, all.Data.Length).ToArray());
        Assert.All(padded.Data.Skip(all.Data.Length), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Extract_CutsLongClipsAfterMaxFrames()
    {
        // Given a clip of 100 frames and MaxFrames 30
        var y = Noise(512 * 99, 2);
        var cut = new FeatureExtractor(new FeatureOptions { MaxFrames = 30 }).Extract(y);
        var all = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).Extract(y);

        // Then the first 30 frames are kept unchanged (deltas still see the later frames)
        Assert.Equal(100, all.Frames);
        Assert.Equal(30, cut.Frames);
        Assert.Equal(all.Data.AsSpan(0, 30 * 121).ToArray(), cut.Data);
    }

    [Fact]
    public void Extract_ClipShorterThanDeltaWidth_GivesFiniteDeltas()
    {
        // Given a 0.1 s clip: 5 frames, fewer than librosa's delta accepts
        var features = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).Extract(Noise(2205, 3));

        // Then all five frames have finite, non-trivial deltas
        Assert.Equal(5, features.Frames);
        Assert.All(features.Data, v => Assert.True(float.IsFinite(v)));
        Assert.Contains(Enumerable.Range(0, 5), t => features[t, 41] != 0);
    }

    [Fact]
    public void Extract_EmptyClip_GivesOneSilentFrame()
    {
        // Given no samples at all
        var features = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).Extract(ReadOnlySpan<float>.Empty);

        // Then there is one frame, with zero RMS and zero deltas
        Assert.Equal(1, features.Frames);
        Assert.Equal(0f, features[0, 120]);
        Assert.Equal(0f, features[0, 40]);
    }

    [Theory]
    [InlineData(7, float.NaN)]
    [InlineData(999, float.PositiveInfinity)]
    [InlineData(500, float.NegativeInfinity)]
    public void Extract_NonFiniteSample_ThrowsNamingTheSample(int index, float value)
    {
        // Given audio with a NaN or infinity
        var y = new float[1000];
        y[index] = value;

        // Then extraction refuses it as librosa does, naming the first bad sample
        var e = Assert.Throws<ArgumentException>(() => new FeatureExtractor().Extract(y));
        Assert.Contains($"sample {index} ", e.Message);
    }

    [Fact]
    public void Extract_FromManyThreads_EqualsSequentialResults()
    {
        // Given one extractor and 24 different clips
        var extractor = new FeatureExtractor();
        var clips = Enumerable.Range(0, 24).Select(i => Noise(5000 + 3000 * i, i)).ToArray();
        var sequential = clips.Select(c => extractor.Extract(c).Data).ToArray();

        // When they are extracted concurrently
        var parallel = new float[clips.Length][];
        Parallel.For(0, clips.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => parallel[i] = extractor.Extract(clips[i]).Data);

        // Then every result is identical
        for (int i = 0; i < clips.Length; i++)
            Assert.Equal(sequential[i], parallel[i]);
    }

    [Fact]
    public void Extract_BufferAtOtherRate_IsResampledFirst()
    {
        // Given a 44.1 kHz clip
        var y = Noise(44100, 4);
        var extractor = new FeatureExtractor(null, ResamplerBackend.Managed);

        // When extracted from the buffer
        var features = extractor.Extract(new AudioBuffer(y, 44100));

        // Then it equals extracting the resampled samples
        var expected = extractor.Extract(Resampler.Resample(y, 44100, 22050, ResamplerBackend.Managed));
        Assert.Equal(expected.Data, features.Data);
    }

    [Fact]
    public void Extract_WithNonPowerOfTwoFft_MatchesNearbyPowerOfTwoShape()
    {
        // Given n_fft 2000 (Bluestein path)
        var extractor = new FeatureExtractor(new FeatureOptions { NFft = 2000, RmsFrameLength = 2000, MaxFrames = null });

        // When a clip is extracted
        var features = extractor.Extract(Noise(22050, 5));

        // Then it has 1 + n / hop finite frames
        Assert.Equal(44, features.Frames);
        Assert.All(features.Data, v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void ExtractFile_WithNaNSample_ThrowsAudioFormatExceptionNamingTheFile()
    {
        // Given a float WAV file whose third sample is NaN
        string path = Path.Combine(Path.GetTempPath(), $"nan-{Guid.NewGuid():N}.wav");
        var samples = new float[4000];
        samples[2] = float.NaN;
        WavWriter.Write(path, samples, 22050, format: WavSampleFormat.Float32);
        try
        {
            // Then extraction names the file and the sample
            var e = Assert.Throws<AudioFormatException>(() => new FeatureExtractor().ExtractFile(path));
            Assert.Contains(Path.GetFileName(path), e.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
