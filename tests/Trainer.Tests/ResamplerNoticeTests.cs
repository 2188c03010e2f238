using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests;

public class ResamplerNoticeTests
{
    [Fact]
    public void WithoutLibsoxr_TheNoteSaysSoOnOneLine_AndHowToFixIt()
    {
        var note = ResamplerNotice.Text(soxrAvailable: false, forcedBackend: null);

        Assert.NotNull(note);
        Assert.DoesNotContain('\n', note);
        Assert.Contains("libsoxr not found", note);
        Assert.Contains("libsoxr0", note);
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "managed")]
    [InlineData(false, " Managed ")]
    public void WithLibsoxr_OrTheManagedResamplerAskedFor_ThereIsNoNote(bool soxr, string? forced) =>
        Assert.Null(ResamplerNotice.Text(soxr, forced));

    [Fact]
    public void Predict_PrintsTheNoteAtMostOnce()
    {
        using var temp = new Training.TempFolder();
        var a = temp["a.wav"];
        var b = temp["b.wav"];
        TestAudio.WriteWav(a, 16000, 0.5, seed: 1);
        TestAudio.WriteWav(b, 44100, 0.5, seed: 2);

        var (exit, _, err) = Cli.Run("predict", a, b);

        Assert.Equal(0, exit);
        int expected = ResamplerNotice.Text(SpeechEmotion.Audio.Resampler.SoxrAvailable, Environment.GetEnvironmentVariable(SpeechEmotion.Audio.Resampler.EnvironmentVariable)) is null ? 0 : 1;
        Assert.Equal(expected, err.Split('\n').Count(l => l.Contains("libsoxr not found")));
    }
}
