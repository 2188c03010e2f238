using NAudio.Wave;
using SpeechEmotion.Audio;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavWriterTests
{
    [Fact]
    public void ToBytes_Pcm16_RoundTripsThroughTheReaderAtTheQuantisationStep()
    {
        // Given a seeded signal with values at and beyond full scale
        var rng = new Random(5);
        var samples = Enumerable.Range(0, 1000).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        samples[0] = 1f; samples[1] = -1f; samples[2] = 1.7f; samples[3] = -3f;

        // When it is written as 16-bit PCM and read back
        var audio = WavReader.Read(WavWriter.ToBytes(samples, 16000));

        // Then each sample is round(clamp(x) * 32767) / 32768
        Assert.Equal(16000, audio.SampleRate);
        Assert.Equal(samples.Length, audio.Samples.Length);
        for (int i = 0; i < samples.Length; i++)
            Assert.Equal((float)(Math.Round(Math.Clamp(samples[i], -1f, 1f) * 32767.0) / 32768.0), audio.Samples[i]);
    }

    [Fact]
    public void ToBytes_Float32_StoresEveryValueExactly_NaNIncluded()
    {
        float[] samples = [0.5f, -2.5f, float.NaN, 1e-8f];

        var bytes = WavWriter.ToBytes(samples, 22050, format: WavSampleFormat.Float32);

        // The reader refuses NaN, so the stored floats are checked with NAudio's own reader
        using var reader = new WaveFileReader(new MemoryStream(bytes));
        Assert.Equal(WaveFormatEncoding.IeeeFloat, reader.WaveFormat.Encoding);
        var raw = new byte[16];
        Assert.Equal(16, reader.Read(raw, 0, 16));
        Assert.Equal(samples, Enumerable.Range(0, 4).Select(i => BitConverter.ToSingle(raw, 4 * i)));
    }

    [Fact]
    public void ToBytes_Stereo_IsInterleavedAndReadsBackAsTheChannelMean()
    {
        var audio = WavReader.Read(WavWriter.ToBytes([0.5f, 0.25f, -0.5f, 0f], 8000, channels: 2, WavSampleFormat.Float32));

        Assert.Equal([0.375f, -0.25f], audio.Samples);
    }

    [Fact]
    public void ToBytes_HeaderIsWhatNAudioAndOurReaderAgreeOn()
    {
        var bytes = WavWriter.ToBytes(new float[441], 44100);

        using var reader = new WaveFileReader(new MemoryStream(bytes));
        Assert.Equal(new WaveFormat(44100, 16, 1), reader.WaveFormat);
        Assert.Equal(441, reader.SampleCount);
        Assert.Equal(AudioFileFormat.Wav, AudioReader.Detect(bytes));
    }

    [Fact]
    public void Write_ToFileAndStream_GiveTheSameBytes()
    {
        var clip = new AudioBuffer([0.1f, 0.2f, -0.3f], 16000);
        string path = Path.Combine(Path.GetTempPath(), $"writer-{Guid.NewGuid():N}.wav");
        try
        {
            WavWriter.Write(path, clip);
            using var stream = new MemoryStream();
            stream.WriteByte(42);  // written at the stream's position, after what is there
            WavWriter.Write(stream, clip.Samples, clip.SampleRate);

            Assert.Equal(File.ReadAllBytes(path), stream.ToArray()[1..]);
            Assert.Equal(3, AudioReader.Read(path).Samples.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ToBytes_BadArguments_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes(new float[4], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes(new float[4], 8000, channels: 0));
        Assert.Throws<ArgumentException>(() => WavWriter.ToBytes(new float[3], 8000, channels: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => WavWriter.ToBytes(new float[4], 8000, format: (WavSampleFormat)7));
    }
}
