using SpeechEmotion.Modeling;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Tests.Training;

public class PlotTests
{
    /// <summary>Width and height from a PNG's IHDR chunk, after checking the signature.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 5000, $"{path} has only {bytes.Length} bytes");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        static int BigEndian(byte[] b, int at) => (b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3];
        return (BigEndian(bytes, 16), BigEndian(bytes, 20));
    }

    [Fact]
    public void TrainingCurves_WritesATallPngWithThreePanels()
    {
        using var temp = new TempFolder();
        var path = temp["curves.png"];

        Plots.TrainingCurves(path, ReportWriterTests.History(25), bestEpoch: 20, "emobox:1, seed 1");

        var (width, height) = PngSize(path);
        Assert.True(height > width, $"{width}x{height}");
        Assert.Empty(Directory.GetFiles(temp.Path, "*.tmp*"));
    }

    [Fact]
    public void ConfusionMatrix_And_PerClassF1_WritePngs()
    {
        using var temp = new TempFolder();
        var counts = new int[8, 8];
        for (var i = 0; i < 8; i++)
        {
            counts[i, i] = 20 + i;
            counts[i, (i + 3) % 8] = 4;
        }

        Plots.ConfusionMatrix(temp["cm.png"], counts, EmotionLabels.Ravdess, "Confusion matrix");
        Plots.PerClassF1(temp["f1.png"], EmotionLabels.Ravdess, [0.5, 0.6, 0.7, 0.4, 0.8, 0.55, 0.66, 0.77], "F1", [0.1, 0.05, 0, 0.02, 0.03, 0.04, 0.05, 0.06]);

        Assert.Equal((860, 800), PngSize(temp["cm.png"]));
        Assert.Equal((900, 520), PngSize(temp["f1.png"]));
    }
}
