using System.Globalization;
using System.Text.RegularExpressions;

namespace SpeechEmotion.Package.Tests;

/// <summary>
/// The file-based apps in scripts/ build and run with <c>dotnet run scripts/NAME.cs</c>. They build into one
/// temporary artifacts folder, so they never write to the bin/obj folders other test projects are building.
/// </summary>
public sealed partial class ScriptTwinTests(ScriptTwinTests.Artifacts artifacts) : IClassFixture<ScriptTwinTests.Artifacts>
{
    /// <summary>The build folder the scripts share (the libraries are built once for all of them).</summary>
    public sealed class Artifacts : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"se-scripts-{Guid.NewGuid():N}");

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (DirectoryNotFoundException) { }
            catch (IOException) { }
        }
    }

    private CommandResult RunScript(string script, params string[] args) =>
        DotNetCli.Run(RepositoryLayout.Root,
        [
            "run", "--property:UseArtifactsOutput=true", $"--property:ArtifactsPath={artifacts.Path}",
            Path.Combine("scripts", script + ".cs"), "--", .. args,
        ]);

    [Fact]
    public void FeaturesScript_WritesTheSameMatrixAsLibrosa()
    {
        // Given a golden clip and a temporary output file
        var output = Path.Combine(Path.GetTempPath(), $"se-features-{Guid.NewGuid():N}.csv");
        try
        {
            // When scripts/features.cs runs on it
            var run = RunScript("features", RepositoryLayout.GoldenWav("speech_48k_s16"), output);
            Assert.True(run.ExitCode == 0, run.ToString());

            // Then it writes the 248 x 121 matrix, within the acceptance tolerance of librosa's
            var actual = ReadCsv(output);
            var expected = ReadCsv(Path.ChangeExtension(RepositoryLayout.GoldenWav("speech_48k_s16"), ".features.csv"));
            Assert.Equal(248, actual.Length);
            Assert.All(actual, row => Assert.Equal(121, row.Length));
            var maxError = actual.Zip(expected).SelectMany(p => p.First.Take(120).Zip(p.Second, (a, b) => Math.Abs(a - b))).Max();
            Assert.True(maxError <= 0.02, $"max MFCC/delta error {maxError}\n{run}");
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Fact]
    public void PredictScript_PrintsALabelAndProbabilities_AndNamesABadFile()
    {
        // Given a sample clip and a file that does not exist
        var sample = Path.Combine(RepositoryLayout.Root, "data", "samples", "low-slow.wav");

        // When scripts/predict.cs runs on both with the bundled model
        var run = RunScript("predict", sample, "missing.wav");

        // Then the sample gets a label and 8 probabilities summing to 1, the missing file one error line, and the exit code says so
        var line = PredictionLine().Match(run.Output);
        Assert.True(line.Success, run.ToString());
        var probabilities = ProbabilityPair().Matches(line.Groups["probabilities"].Value)
            .ToDictionary(m => m.Groups[1].Value, m => double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));
        Assert.Equal(8, probabilities.Count);
        Assert.Contains(line.Groups["label"].Value, probabilities.Keys);
        Assert.Equal(1.0, probabilities.Values.Sum(), 2);
        Assert.Contains("error: missing.wav: file not found", run.Output);
        Assert.Equal(1, run.ExitCode);
    }

    [Fact]
    public void TrainScript_OnASmallSyntheticCorpus_TrainsEvaluatesAndSavesABundle()
    {
        // Given a RAVDESS-named corpus of tones: 5 actors x 8 emotions x 2 statements (4 training speakers give one validation speaker)
        using var corpus = new SpeechEmotion.Notebooks.Tests.SyntheticRavdess(actors: 5, statements: 2);
        var runDir = Path.Combine(corpus.Root, "run");

        // When scripts/train.cs trains 2 epochs with actor 5 held out
        var run = RunScript("train", corpus.Corpus, "--actors", "1-5", "--test-actors", "5",
            "--validation-actors", "1", "--epochs", "2", "--device", "cpu", "--out", runDir);
        Assert.True(run.ExitCode == 0, run.ToString());

        // Then it reports both epochs and the test actor's 16 clips, and leaves the bundle in the run folder
        Assert.Contains("test 16 (ravdess:05)", run.Output);
        Assert.Matches(@"epoch +2: loss", run.Output);
        Assert.Contains("test (16 clips): accuracy", run.Output);
        Assert.True(Directory.GetFiles(runDir, "*.semodel").Length > 0, run.ToString());
    }

    private static double[][] ReadCsv(string path) =>
        File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [GeneratedRegex(@"low-slow\.wav: (?<label>\w+) \(\d+%\)\s+(?<probabilities>.*)$", RegexOptions.Multiline)]
    private static partial Regex PredictionLine();

    [GeneratedRegex(@"(\w+)=([0-9.]+)")]
    private static partial Regex ProbabilityPair();
}
