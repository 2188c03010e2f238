namespace SpeechEmotion.Trainer.Tests;

/// <summary><c>predict</c> with compressed input: Ogg Vorbis and MP3 files go through the same pipeline as WAV.</summary>
public sealed class CompressedPredictTests : IDisposable
{
    private static readonly string Compressed = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed");
    private readonly string _dir = Directory.CreateTempSubdirectory("predict-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Predict_OggAndMp3_PrintALineEach_LikeTheWav()
    {
        string ogg = Path.Combine(Compressed, "speech.ogg"), mp3 = Path.Combine(Compressed, "speech.mp3");

        var (exit, output, error) = Cli.Run("predict", ogg, mp3);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Matches(@"^.*speech\.ogg: [a-z]+ \(\d\.\d\d\)$", lines[0]);
        Assert.Matches(@"^.*speech\.mp3: [a-z]+ \(\d\.\d\d\)$", lines[1]);
    }

    [Fact]
    public void Predict_OggUnderAWavName_IsReadByItsContent_AndABrokenOggIsReportedByName()
    {
        // Given an Ogg file named .wav, and an Ogg file cut inside its first page
        string renamed = Path.Combine(_dir, "renamed.wav");
        File.Copy(Path.Combine(Compressed, "speech.ogg"), renamed);
        string cut = Path.Combine(_dir, "cut.ogg");
        File.WriteAllBytes(cut, File.ReadAllBytes(Path.Combine(Compressed, "speech.ogg"))[..20]);

        // When both are predicted as JSON
        var (exit, output, error) = Cli.Run("predict", "--json", renamed, cut);

        // Then the renamed file gets its 2 s prediction, and the cut one a one-line error naming it (exit 1)
        Assert.Equal(1, exit);
        Assert.Contains("\"duration_seconds\": 2", output);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"error: {cut}: truncated Ogg page header (20 of 27 bytes present)"], errors);
    }

    [Fact]
    public void PredictHelp_NamesTheFormats()
    {
        var (exit, output, _) = Cli.Run("predict", "--help");

        Assert.Equal(0, exit);
        Assert.Contains("MP3", output);
        Assert.Contains("Ogg Vorbis", output);
    }
}
