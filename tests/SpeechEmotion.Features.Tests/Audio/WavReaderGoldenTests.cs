using System.Buffers.Binary;
using System.Text.Json;
using SpeechEmotion.Audio;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderGoldenTests
{
    [Theory]
    [InlineData("speech_22k05_u8")]
    [InlineData("sine440_22k05_s16")]
    public void Read_UnresampledGoldenClip_EqualsLibrosaWaveformExactly(string clip)
    {
        // Given a clip librosa loaded at its own rate (22050 Hz, so not resampled)
        var expected = GoldenFiles.ReadCsv(clip + ".resampled.csv");

        // When decoded
        var audio = WavReader.Read(GoldenFiles.PathOf(clip + ".wav"));

        // Then every float32 sample equals librosa's
        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(expected.Length, audio.Samples.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(expected[i] == audio.Samples[i], $"sample {i}: librosa {expected[i]:R}, decoded {audio.Samples[i]:R}");
    }

    [Theory]
    [InlineData("speech_48k_s16")]
    [InlineData("speech_16k_s16")]
    [InlineData("speech_44k1_stereo_s16")]
    [InlineData("speech_22k05_u8")]
    [InlineData("speech_44k1_s24")]
    [InlineData("speech_48k_f32")]
    [InlineData("short_0s2_48k_s16")]
    [InlineData("long_8s_48k_s16")]
    [InlineData("sine440_22k05_s16")]
    public void Read_GoldenClip_HasSoundfilesRateAndFrameCount(string clip)
    {
        // Given soundfile's view of the source recorded in meta.json
        using var meta = JsonDocument.Parse(File.ReadAllText(GoldenFiles.PathOf(clip + ".meta.json")));
        int rate = meta.RootElement.GetProperty("source_sr").GetInt32();
        int frames = meta.RootElement.GetProperty("source_frames").GetInt32();

        // When decoded (these include WAVE_FORMAT_EXTENSIBLE 24-bit and float with a fact chunk)
        var audio = WavReader.Read(GoldenFiles.PathOf(clip + ".wav"));

        // Then rate and length agree, and the samples are finite and in range
        Assert.Equal(rate, audio.SampleRate);
        Assert.Equal(frames, audio.Samples.Length);
        Assert.All(audio.Samples, s => Assert.InRange(s, -1f, 1f));
    }

    [Fact]
    public void Read_GoldenStereoClip_IsTheMeanOfItsChannels()
    {
        // Given the stereo golden clip, whose left and right channels differ
        var bytes = File.ReadAllBytes(GoldenFiles.PathOf("speech_44k1_stereo_s16.wav"));
        Assert.True(bytes.AsSpan(36, 4).SequenceEqual("data"u8)); // canonical 44-byte header
        var pcm = bytes.AsSpan(44);

        // When decoded
        var y = WavReader.Read(bytes).Samples;

        // Then each sample is (left/32768 + right/32768) / 2 in float32, and the channels really differ
        int differing = 0;
        for (int i = 0; i < y.Length; i++)
        {
            short l = BinaryPrimitives.ReadInt16LittleEndian(pcm[(4 * i)..]);
            short r = BinaryPrimitives.ReadInt16LittleEndian(pcm[(4 * i + 2)..]);
            Assert.Equal(Expected.Mean([l / 32768f, r / 32768f]), y[i]);
            differing += l != r ? 1 : 0;
        }
        Assert.True(differing > y.Length / 10);
    }
}
