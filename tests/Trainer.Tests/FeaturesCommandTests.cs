using System.Globalization;
using SpeechEmotion.Features;

namespace SpeechEmotion.Trainer.Tests;

public sealed class FeaturesCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("features-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Clip(int sampleRate = 48000, double seconds = 3.0)
    {
        string path = Path.Combine(_dir, $"clip{sampleRate}.wav");
        TestAudio.WriteWav(path, sampleRate, seconds, 1);
        return path;
    }

    private static float[][] ParseCsv(string csv) =>
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(',').Select(v => float.Parse(v, CultureInfo.InvariantCulture)).ToArray())
            .ToArray();

    [Fact]
    public void Features_PrintsTheExtractorsMatrix_AsCsv()
    {
        // Given a 3 s clip at 48 kHz
        string clip = Clip();

        // When the features command runs without --out
        var (code, output, error) = Cli.Run("features", clip);

        // Then standard output holds 248 rows of 121 values equal to the extractor's, bit for bit
        Assert.Equal(0, code);
        Assert.Equal("", error);
        var rows = ParseCsv(output);
        Assert.Equal(248, rows.Length);
        Assert.All(rows, r => Assert.Equal(121, r.Length));
        var expected = new FeatureExtractor().ExtractFile(clip);
        Assert.Equal(expected.Data, rows.SelectMany(r => r).ToArray());
    }

    [Fact]
    public void Features_WithPitch_AddsThePitchColumnsAfterRms()
    {
        // Given a 3 s clip
        string clip = Clip();

        // When the features command runs with --pitch
        var (code, output, _) = Cli.Run("features", clip, "--pitch", "--frames", "all");

        // Then each row has 124 values: the 121 of the plain command followed by the extractor's three pitch columns
        Assert.Equal(0, code);
        var rows = ParseCsv(output);
        Assert.All(rows, r => Assert.Equal(124, r.Length));
        var plain = new FeatureExtractor(new FeatureOptions { MaxFrames = null }).ExtractFile(clip);
        var withPitch = new FeatureExtractor(new FeatureOptions { MaxFrames = null, Pitch = new PitchOptions() }).ExtractFile(clip);
        Assert.Equal(plain.Data, rows.SelectMany(r => r.Take(121)).ToArray());
        Assert.Equal(withPitch.Data, rows.SelectMany(r => r).ToArray());
    }

    [Fact]
    public void Features_FramesAll_WritesEveryFrameUnpadded_ToFile()
    {
        // Given a 3 s clip (1 + 66150 / 512 = 130 frames at 22050 Hz) and an output path
        string clip = Clip();
        string csv = Path.Combine(_dir, "out.csv");

        // When the command runs with --frames all --out
        var (code, output, _) = Cli.Run("features", clip, "--frames", "all", "--out", csv);

        // Then the file has 130 rows, nothing went to standard output and no temp file is left
        Assert.Equal(0, code);
        Assert.Equal("", output);
        Assert.Equal(130, ParseCsv(File.ReadAllText(csv)).Length);
        Assert.Equal(new[] { "out.csv", "clip48000.wav" }, Directory.GetFiles(_dir).Select(f => Path.GetFileName(f)).OrderDescending().ToArray());
    }

    [Fact]
    public void Features_FramesN_CutsOrPads()
    {
        var (code, output, _) = Cli.Run("features", Clip(), "--frames", "10");
        Assert.Equal(0, code);
        Assert.Equal(10, ParseCsv(output).Length);
    }

    [Fact]
    public void Features_MissingFile_FailsWithOneLine()
    {
        // When the input does not exist
        var (code, output, error) = Cli.Run("features", Path.Combine(_dir, "missing.wav"));

        // Then exit code 1 and a single error line naming the file, no stack trace
        Assert.Equal(1, code);
        Assert.Equal("", output);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.Contains("missing.wav: file not found", lines[0]);
    }

    [Fact]
    public void Features_CorruptFile_FailsWithOneLine()
    {
        string bad = Path.Combine(_dir, "bad.wav");
        File.WriteAllText(bad, "RIFF....WAVE not really");
        var (code, _, error) = Cli.Run("features", bad);
        Assert.Equal(1, code);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bad.wav", error);
    }

    [Theory]
    [InlineData("--frames", "abc")]
    [InlineData("--frames", "0")]
    [InlineData("--no-such-option")]
    public void Features_BadOption_IsAUsageError(params string[] extra)
    {
        // When an option is wrong
        var (code, _, error) = Cli.Run(["features", Clip(), .. extra]);

        // Then exit code 2 with an error message
        Assert.Equal(2, code);
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public void Features_OutOnASymlink_IsRefusedNamingTheTarget_AndTheLinkSurvives()
    {
        // Given --out pointing at a symlink to another file
        string clip = Clip(22050, 0.5);
        string pointee = Path.Combine(_dir, "keep.txt");
        File.WriteAllText(pointee, "keep");
        string link = Path.Combine(_dir, "out.csv");
        File.CreateSymbolicLink(link, pointee);

        // When features writes there
        var (code, _, error) = Cli.Run("features", clip, "--out", link);

        // Then it fails on one line naming the user's path, and neither the link nor its target changed
        Assert.Equal(1, code);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{link}: exists and is a symbolic link", line);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("keep", File.ReadAllText(pointee));
        Assert.DoesNotContain(Directory.GetFiles(_dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }

    [Fact]
    public void Features_OutOnDevNull_IsRefused_AndDevNullStaysADevice()
    {
        if (!File.Exists("/dev/null"))
            return;
        var (code, _, error) = Cli.Run("features", Clip(22050, 0.5), "--out", "/dev/null");

        Assert.Equal(1, code);
        Assert.Contains("/dev/null: exists and is a character device", error);
    }
}
