using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Tests.Training;

namespace SpeechEmotion.Trainer.Tests;

public class ImportKerasCommandTests
{
    private static readonly string KerasModel = Path.Combine(AppContext.BaseDirectory, "TestData", "keras", "Emotion_classifier.h5");

    [Fact]
    public void ImportKeras_WritesABundleThatLoads()
    {
        // Given the original project's .h5 file
        using var temp = new TempFolder();
        var bundlePath = temp["keras.semodel"];

        // When it is imported
        var (exit, output, error) = Cli.Run("import-keras", KerasModel, "--out", bundlePath);

        // Then a bundle with the original's per-frame attention bias and label order is written
        Assert.True(exit == 0, error);
        Assert.Contains("Wrote " + bundlePath, output);
        using var bundle = ModelBundle.Load(bundlePath);
        Assert.Equal(120, bundle.Manifest.Model.AttentionBiasFrames);
        Assert.Equal("angry", bundle.Labels[0]);
    }

    [Fact]
    public void ImportKeras_OnANonHdf5File_FailsWithOneLine()
    {
        using var temp = new TempFolder();
        var path = temp["fake.h5"];
        File.WriteAllText(path, "RIFF not a model");

        var (exit, _, error) = Cli.Run("import-keras", path, "--out", temp["out.semodel"]);

        Assert.Equal(1, exit);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("error: fake.h5: not an HDF5 file (a Keras .h5 model starts with the HDF5 signature).", line.TrimEnd());
        Assert.False(File.Exists(temp["out.semodel"]));
    }

    [Fact]
    public void ImportKeras_WithoutOut_IsAUsageError()
    {
        var (exit, _, error) = Cli.Run("import-keras", KerasModel);

        Assert.Equal(2, exit);
        Assert.Contains("--out", error);
    }
}
