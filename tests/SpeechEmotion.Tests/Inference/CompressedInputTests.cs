using SpeechEmotion.Audio;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Tests.Inference;

/// <summary>MP3 and Ogg Vorbis clips through the recognizer: the same pipeline as WAV, close answers for a lossy copy.</summary>
public sealed class CompressedInputTests(RecognizerFixture fixture) : IClassFixture<RecognizerFixture>
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed");

    [Theory]
    [InlineData("speech.ogg")]
    [InlineData("speech.mp3")]
    public void Predict_CompressedCopyOfAClip_IsCloseToTheWavsPrediction(string file)
    {
        // Given a 2 s clip and its lossy encoding
        var wav = fixture.Recognizer.Predict(Path.Combine(Folder, "speech.wav"));

        // When the compressed file is predicted by path (the format is found from the content)
        var coded = fixture.Recognizer.Predict(Path.Combine(Folder, file));

        // Then the duration is the same and every probability is close
        Assert.Equal(wav.DurationSeconds, coded.DurationSeconds, 6);
        Assert.Equal(wav.Label, coded.Label);
        foreach (var (label, p) in wav.Probabilities)
            Assert.True(Math.Abs(p - coded.Probabilities[label]) < 0.05, $"{label}: {p} against {coded.Probabilities[label]}");
    }

    [Fact]
    public void BundledModel_GivesTheCompressedCopiesCloseProbabilities()
    {
        // Given the bundled model and its answer for a clip (angry 0.53, fearful 0.17)
        using var recognizer = EmotionRecognizer.LoadDefault();
        var wav = recognizer.Predict(Path.Combine(Folder, "speech.wav"));

        // Then its lossy copies get the same label, and each probability moves by less than 0.2 (measured: at most
        // 0.05 for MP3 at 64 kbps, 0.15 for Ogg at quality 3, whose low-pass shifts the clip's mean spectrum)
        foreach (var file in new[] { "speech.ogg", "speech.mp3" })
        {
            var coded = recognizer.Predict(Path.Combine(Folder, file));
            Assert.Equal(wav.Label, coded.Label);
            foreach (var (label, p) in wav.Probabilities)
                Assert.True(Math.Abs(p - coded.Probabilities[label]) < 0.2, $"{file} {label}: {coded.Probabilities[label]} against {p}");
        }
    }

    [Fact]
    public void Predict_BrokenMp3_ThrowsTheSameTypedErrorAsABrokenWav()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Folder, "speech.mp3"))[..200];   // the ID3 tag cut short

        var e = Assert.Throws<AudioFormatException>(() => fixture.Recognizer.Predict(AudioInput.FromBytes(bytes, "cut.mp3")));
        Assert.StartsWith("cut.mp3: ", e.Message);
    }

    [Fact]
    public void Decode_WithALimit_StopsALongerClip()
    {
        var input = AudioInput.FromFile(Path.Combine(Folder, "speech.ogg"));

        var e = Assert.Throws<AudioFormatException>(() => input.Decode(maxSeconds: 1));

        Assert.EndsWith("speech.ogg: longer than the limit of 1 s of audio", e.Message);
        Assert.Equal(44100, AudioInput.FromFile(Path.Combine(Folder, "speech.ogg")).Decode(maxSeconds: 2).Samples.Length);
    }

    [Fact]
    public void Decode_SamplesInputOverTheLimit_IsRefusedToo() =>
        Assert.Throws<AudioFormatException>(() => AudioInput.FromSamples(new float[16000], 8000, "two-seconds").Decode(maxSeconds: 1.5));
}
