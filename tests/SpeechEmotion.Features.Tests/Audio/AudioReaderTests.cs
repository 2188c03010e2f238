using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using static SpeechEmotion.Tests.Audio.CompressedFiles;

namespace SpeechEmotion.Tests.Audio;

public sealed class AudioReaderTests
{
    [Theory]
    [InlineData("speech.wav", AudioFileFormat.Wav)]
    [InlineData("speech.mp3", AudioFileFormat.Mp3)]       // starts with an ID3v2 tag
    [InlineData("tone-stereo.mp3", AudioFileFormat.Mp3)]  // starts with an MPEG frame header
    [InlineData("speech.ogg", AudioFileFormat.OggVorbis)]
    public void Detect_RecognisesTheFixturesByContent(string file, AudioFileFormat expected) =>
        Assert.Equal(expected, AudioReader.Detect(Bytes(file)));

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 })]  // AAC ADTS: layer bits 00
    [InlineData(new byte[] { 0xFF, 0xFB, 0xF0, 0x00 })]  // bitrate index 15
    [InlineData(new byte[] { 0xFF, 0xFB, 0x9C, 0x00 })]  // sample rate index 3
    [InlineData(new byte[] { (byte)'f', (byte)'L', (byte)'a', (byte)'C' })]
    [InlineData(new byte[0])]
    public void Detect_OtherContent_IsUnknown(byte[] head) => Assert.Equal(AudioFileFormat.Unknown, AudioReader.Detect(head));

    [Fact]
    public void Detect_IgnoresTheFileName()
    {
        // Given an Ogg file saved under a .wav name
        string path = Path.Combine(Path.GetTempPath(), $"really-ogg-{Guid.NewGuid():N}.wav");
        File.Copy(PathOf("speech.ogg"), path);
        try
        {
            // Then it is decoded as Ogg Vorbis
            Assert.Equal(22050, AudioReader.Read(path).SampleRate);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_Wav_GivesWavReadersSamples()
    {
        var bytes = Bytes("speech.wav");
        Assert.Equal(WavReader.Read(bytes).Samples, AudioReader.Read(bytes).Samples);
    }

    [Fact]
    public void Read_Ogg_GivesExactlyTheSourcesSamplesAtItsRate()
    {
        // Given an Ogg Vorbis encoding of a 2 s WAV clip
        var wav = WavReader.Read(Bytes("speech.wav"));

        // When it is decoded
        var ogg = AudioReader.Read(Bytes("speech.ogg"), "speech.ogg");

        // Then the rate and the sample count are the source's, and the waveform is close (lossy codec)
        Assert.Equal(22050, ogg.SampleRate);
        Assert.Equal(wav.Samples.Length, ogg.Samples.Length);
        Assert.True(Correlation(wav.Samples, ogg.Samples, 0) > 0.98);
    }

    [Fact]
    public void Read_Mp3WithLameTag_GivesTheSourcesSampleCount_DelayedByTheDecoderDelay()
    {
        // Given a LAME encoding (with an ID3v2 tag first) of a 2 s WAV clip
        var wav = WavReader.Read(Bytes("speech.wav"));

        // When it is decoded
        var mp3 = AudioReader.Read(Bytes("speech.mp3"), "speech.mp3");

        // Then encoder delay and padding are trimmed: the count and rate are the source's, and the waveform
        // matches the source 529 samples later (and matches it better there than anywhere near)
        Assert.Equal(22050, mp3.SampleRate);
        Assert.Equal(wav.Samples.Length, mp3.Samples.Length);
        double aligned = Correlation(wav.Samples, mp3.Samples, Mp3DecoderDelay);
        Assert.True(aligned > 0.95, $"correlation {aligned}");
        Assert.True(aligned > Correlation(wav.Samples, mp3.Samples, Mp3DecoderDelay - 8));
        Assert.True(aligned > Correlation(wav.Samples, mp3.Samples, Mp3DecoderDelay + 8));
    }

    [Theory]
    [InlineData("tone-stereo.mp3", Mp3DecoderDelay)]
    [InlineData("tone-stereo.ogg", 0)]
    public void Read_Stereo_IsTheChannelMean(string file, int delay)
    {
        // Given 440 Hz left and 660 Hz right at 0.4 in a 44.1 kHz stereo file
        var audio = AudioReader.Read(Bytes(file), file);

        // Then the mono signal is their mean
        Assert.Equal(44100, audio.SampleRate);
        Assert.Equal(44100, audio.Samples.Length);
        var expected = new float[audio.Samples.Length];
        for (int i = 0; i < expected.Length; i++)
            expected[i] = (float)(0.2 * Math.Sin(2 * Math.PI * 440 * i / 44100.0) + 0.2 * Math.Sin(2 * Math.PI * 660 * i / 44100.0));
        Assert.True(Correlation(expected, audio.Samples, delay) > 0.99);
        double rms = Math.Sqrt(audio.Samples.Skip(2000).Take(40000).Average(x => (double)x * x));
        Assert.InRange(rms, 0.2 * 0.9, 0.2 * 1.1);   // sqrt(2 * 0.2^2 / 2); a sum instead of a mean would double it
    }

    [Theory]
    [InlineData("speech.ogg")]
    [InlineData("speech.mp3")]
    [InlineData("speech.wav")]
    public void SampleBudget_RefusesAFileThatDecodesToMore_AndTakesOneThatFits(string file)
    {
        // Given a 2 s clip of about 44100 samples
        var bytes = Bytes(file);

        // When it is read with a budget of 10000 samples, then with one of 50000
        var refused = Assert.Throws<AudioFormatException>(() => AudioReader.Read(bytes, file, double.PositiveInfinity, maxSamples: 10_000));
        var audio = AudioReader.Read(bytes, file, double.PositiveInfinity, maxSamples: 50_000);

        // Then the first stops with a one-line error naming the file and the limit, the second decodes whole
        Assert.Equal($"{file}: decodes to more than the limit of 10000 samples", refused.Message);
        Assert.InRange(audio.Samples.Length, 44_000, 45_000);
    }

    [Theory]
    [InlineData("speech.ogg", 0)]
    [InlineData("speech.mp3", Mp3DecoderDelay)]
    public void Features_OfTheCompressedClip_AreCloseToTheWavs(string file, int delay)
    {
        // Given the WAV clip and its lossy encoding, aligned
        var wav = WavReader.Read(Bytes("speech.wav"));
        var coded = AudioReader.Read(Bytes(file), file);
        int n = wav.Samples.Length - delay;
        var extractor = new FeatureExtractor(new FeatureOptions { MaxFrames = null });

        // When both go through the same pipeline
        var a = extractor.Extract(new AudioBuffer(wav.Samples[..n], wav.SampleRate));
        var b = extractor.Extract(new AudioBuffer(coded.Samples[delay..], coded.SampleRate));

        // Then the MFCCs differ by a few units on average (measured: 2.6 for Ogg q3, 2.9 for MP3 64 kbps; MFCC 0 spans
        // hundreds), and RMS very little (measured 0.0006 and 0.008)
        Assert.Equal(a.Frames, b.Frames);
        double mfcc = 0, rms = 0;
        for (int t = 0; t < a.Frames; t++)
        {
            for (int k = 0; k < 40; k++)
                mfcc += Math.Abs(a[t, k] - b[t, k]);
            rms += Math.Abs(a[t, 120] - b[t, 120]);
        }
        mfcc /= a.Frames * 40;
        rms /= a.Frames;
        Assert.True(mfcc < 4, $"mean |MFCC difference| {mfcc}");
        Assert.True(rms < 0.02, $"mean |RMS difference| {rms}");
    }

    [Fact]
    public void Load_Mp3_ResamplesLikeWav()
    {
        // Given a 44.1 kHz MP3
        var audio = AudioLoader.Load(PathOf("tone-stereo.mp3"), 22050);

        // Then it is resampled to the asked rate through the same pipeline
        Assert.Equal(22050, audio.SampleRate);
        Assert.Equal(22050, audio.Samples.Length);
    }

    [Fact]
    public void Read_Stream_DecodesCompressedInputToo()
    {
        using var stream = new NonSeekableStream(Bytes("speech.ogg"));
        Assert.Equal(44100, AudioReader.Read(stream, "speech.ogg").Samples.Length);
    }

    /// <summary>Normalised correlation of a[i] with b[i + lag] over their overlap.</summary>
    private static double Correlation(float[] a, float[] b, int lag)
    {
        int n = Math.Min(a.Length, b.Length - lag);
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < n; i++)
        {
            ab += a[i] * (double)b[i + lag];
            aa += a[i] * (double)a[i];
            bb += b[i + lag] * (double)b[i + lag];
        }
        return ab / Math.Sqrt(aa * bb);
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => base.Position; set => throw new NotSupportedException(); }
    }
}
