using System.Text.Json;
using SpeechEmotion.Features;
using SpeechEmotion.Interop;
using SpeechEmotion.Modeling;
using TorchSharp;
using Xunit.Abstractions;

namespace SpeechEmotion.Tests.Interop;

public sealed class KerasImporterTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string KerasDir = Path.Combine(AppContext.BaseDirectory, "TestData", "keras");
    private static readonly string ModelPath = Path.Combine(KerasDir, "Emotion_classifier.h5");
    private readonly string root = Directory.CreateTempSubdirectory("se-keras-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    // The same formula as feature_value in scripts/keras-reference.py.
    private static double FeatureValue(int clip, int t, int f)
    {
        if ((clip == 2 && t >= 150) || (clip == 3 && t < 100))
            return 0;
        var phase = 0.05 * (t + 1) * (1 + f % 7) + 0.9 * clip + 0.3 * f;
        var (scale, offset) = f == 0 ? (150.0, -350.0) : f < 40 ? (25.0, 0.0) : f < 120 ? (3.0, 0.0) : (0.04, 0.05);
        return offset + scale * Math.Sin(phase);
    }

    private static FeatureMatrix Input(int clip)
    {
        var data = new float[248 * 121];
        for (var t = 0; t < 248; t++)
            for (var f = 0; f < 121; f++)
                data[t * 121 + f] = (float)FeatureValue(clip, t, f);
        return new FeatureMatrix(data, 248, 121);
    }

    private static (double[][] Logits, double[][] Probabilities) Reference()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(KerasDir, "reference-outputs.json")));
        double[][] Read(string name) => doc.RootElement.GetProperty(name).EnumerateArray()
            .Select(row => row.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        return (Read("logits"), Read("probabilities"));
    }

    private void AssertClose(double[][] expected, float[][] actual, double tolerance)
    {
        var worst = expected.Zip(actual, (e, a) => e.Zip(a, (x, y) => Math.Abs(x - y)).Max()).Max();
        output.WriteLine($"largest difference {worst:E2} (tolerance {tolerance:E2})");
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (var k = 0; k < expected[i].Length; k++)
                Assert.True(Math.Abs(expected[i][k] - actual[i][k]) <= tolerance,
                    $"clip {i}, class {k}: expected {expected[i][k]:R}, got {actual[i][k]:R} (tolerance {tolerance})");
        }
    }

    [Fact]
    public void Import_GivesTheOriginalSizesLabelsAndPerFrameAttentionBias()
    {
        // Given the original project's .h5 file, when it is imported
        using var bundle = KerasImporter.Import(ModelPath);

        // Then the network has the original's sizes, its 120 attention biases and its alphabetical labels
        var config = bundle.Manifest.Model;
        Assert.Equal(ModelConfig.Original with { AttentionBiasFrames = 120 }, config);
        Assert.Equal(248, config.FixedInputFrames);
        Assert.Equal(248, bundle.Manifest.FeatureOptions.MaxFrames);
        Assert.Equal(["angry", "calm", "disgust", "fearful", "happy", "neutral", "sad", "surprised"], bundle.Labels);
        Assert.Contains("Keras 3.10.0", bundle.Manifest.Data["imported_from"]);
        Assert.Contains("front", bundle.Manifest.Data["original_training_features"]);
        // Keras counts 267,968; PyTorch's LSTM has a second bias per direction (zero here) and BatchNorm a step counter.
        Assert.Equal(267_968 + 2 * 256 + 1, bundle.Model.ParameterCount);
    }

    [Fact]
    public void Import_OutputsEqualTheReferenceComputedFromTheSameWeights()
    {
        // Given the reference outputs of scripts/keras-reference.py for four synthetic clips
        var (logits, probabilities) = Reference();
        var inputs = Enumerable.Range(0, 4).Select(Input).ToArray();

        // When the imported bundle predicts them (clip 2 says 150 valid frames: the original read the padding anyway)
        using var bundle = KerasImporter.Import(ModelPath);
        var actual = bundle.PredictProbabilities(inputs, [248, 248, 150, 248]);

        // Then the probabilities equal the reference to 1e-5, and so do the logits relative to their size
        AssertClose(probabilities, actual, 1e-5);
        float[][] netLogits;
        using (torch.inference_mode())
        {
            var x = torch.tensor(inputs.SelectMany(m => m.Data).ToArray(), [4, 248, 121]);
            netLogits = Enumerable.Range(0, 4).Select(i => bundle.Model.call(x, torch.full([4], 248L, torch.int64))[i].data<float>().ToArray()).ToArray();
        }
        AssertClose(logits, netLogits, 1e-5 * logits.Max(row => row.Max(Math.Abs)));
    }

    [Fact]
    public void Import_SavedBundle_LoadsAndPredictsTheSame()
    {
        using var bundle = KerasImporter.Import(ModelPath);
        var path = Path.Combine(root, "keras.semodel");
        bundle.Save(path);

        using var loaded = ModelBundle.Load(path);

        Assert.Equal(bundle.Manifest.Model, loaded.Manifest.Model);
        var input = new[] { Input(1) };
        Assert.Equal(bundle.PredictProbabilities(input, [248])[0], loaded.PredictProbabilities(input, [248])[0]);
    }

    [Fact]
    public void PerFrameAttentionBias_RefusesLongerInput_AndPadsShorterInput()
    {
        torch.random.manual_seed(3);
        using var net = new EmotionNet(new ModelConfig { AttentionBiasFrames = 120 });
        net.eval();
        using var inference = torch.inference_mode();

        var e = Assert.Throws<ArgumentException>(() => net.call(torch.zeros(1, 249, 121), torch.tensor(new long[] { 249 })));
        Assert.Contains("at most 248 frames", e.Message);
        var shortInput = torch.randn(1, 200, 121);
        var padded = torch.nn.functional.pad(shortInput, [0, 0, 0, 48]);
        Assert.Equal(net.call(padded, torch.tensor(new long[] { 248 })).data<float>().ToArray(),
            net.call(shortInput, torch.tensor(new long[] { 200 })).data<float>().ToArray());
    }

    [Fact]
    public void Import_NotHdf5_ThrowsNamingTheFile()
    {
        var path = Path.Combine(root, "model.h5");
        File.WriteAllText(path, "ID3 this is not a model");

        var e = Assert.Throws<KerasImportException>(() => KerasImporter.Import(path));

        Assert.StartsWith("model.h5: not an HDF5 file", e.Message);
    }

    [Fact]
    public void Import_TruncatedFile_ThrowsKerasImportException()
    {
        var path = Path.Combine(root, "truncated.h5");
        var bytes = File.ReadAllBytes(ModelPath);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length / 3).ToArray());

        var e = Assert.Throws<KerasImportException>(() => KerasImporter.Import(path));

        Assert.StartsWith("truncated.h5: ", e.Message);
    }

    [Fact]
    public void Import_WrongLabelCount_Throws()
    {
        var e = Assert.Throws<KerasImportException>(() => KerasImporter.Import(ModelPath, ["a", "b"]));
        Assert.Contains("8 outputs", e.Message);
    }

    [Fact]
    public void Import_MissingFile_ThrowsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => KerasImporter.Import(Path.Combine(root, "none.h5")));
}
