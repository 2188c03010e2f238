using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Modeling;

/// <summary>Damaged and hostile bundles are refused with one printable line that names the file.</summary>
public sealed class BundleIntegrityTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("se-integrity-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private string SaveBundle(string name = "model.semodel")
    {
        var config = new ModelConfig { NumClasses = 3, ConvChannels = 16, LstmHidden = 8, DenseUnits = 8 };
        torch.random.manual_seed(5);
        var manifest = new BundleManifest
        {
            Labels = SyntheticCorpus.Labels,
            FeatureOptions = new FeatureOptions(),
            Normalization = FeatureNormalization.Fit(SyntheticCorpus.Clips(6, seed: 3)),
            Model = config,
        };
        using var bundle = ModelBundle.Create(manifest, new EmotionNet(config));
        var path = Path.Combine(root, name);
        bundle.Save(path);
        return path;
    }

    private static float[] Probabilities(ModelBundle bundle)
    {
        var clip = SyntheticCorpus.Clips(1, seed: 9)[0];
        return bundle.PredictProbabilities([clip.Features.Load()], [clip.ValidFrames])[0];
    }

    private static (long Start, long Length) DataOf(string path, string entryName)
    {
        using var zip = ZipFile.OpenRead(path);
        var bytes = File.ReadAllBytes(path);
        // The local header: 30 bytes, then the name and the extra field, then the compressed data.
        long offset = FindLocalHeader(bytes, entryName);
        int nameLength = BitConverter.ToUInt16(bytes, (int)offset + 26);
        int extraLength = BitConverter.ToUInt16(bytes, (int)offset + 28);
        return (offset + 30 + nameLength + extraLength, zip.GetEntry(entryName)!.CompressedLength);
    }

    private static long FindLocalHeader(byte[] bytes, string name)
    {
        var pattern = Encoding.ASCII.GetBytes(name);
        for (int i = 0; i + 30 + pattern.Length < bytes.Length; i++)
        {
            if (bytes[i] == 0x50 && bytes[i + 1] == 0x4b && bytes[i + 2] == 3 && bytes[i + 3] == 4
                && bytes.AsSpan(i + 30, pattern.Length).SequenceEqual(pattern))
                return i;
        }
        throw new InvalidOperationException($"no local header for {name}");
    }

    private static void FlipBit(string path, long position, int bit)
    {
        var bytes = File.ReadAllBytes(path);
        bytes[position] ^= (byte)(1 << bit);
        File.WriteAllBytes(path, bytes);
    }

    private static void AssertOnePrintableLine(Exception e, string fileName)
    {
        Assert.StartsWith($"{fileName}: ", e.Message);
        Assert.DoesNotContain(e.Message, char.IsControl);
        Assert.DoesNotContain('\uFFFD', e.Message);
    }

    [Fact]
    public void Load_RefusesABundleWithOneFlippedBitInTheWeights()
    {
        // Given a bundle with one bit flipped in the middle of its compressed weights
        var path = SaveBundle();
        var (start, length) = DataOf(path, "weights.bin");
        FlipBit(path, start + length / 2, 3);

        // When it is loaded
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));

        // Then it is refused as damaged, naming the bundle, on one printable line
        AssertOnePrintableLine(e, "model.semodel");
        Assert.Contains("damaged", e.Message);
        Assert.Contains("weights.bin", e.Message);
    }

    [Fact]
    public void Load_AnyFlippedBit_IsRefusedOrChangesNothing()
    {
        // Given the probabilities of an intact bundle
        var intact = SaveBundle("intact.semodel");
        float[] expected;
        using (var bundle = ModelBundle.Load(intact))
            expected = Probabilities(bundle);
        long size = new FileInfo(intact).Length;

        // When one bit is flipped at each of 48 places spread over the whole file
        for (int k = 0; k < 48; k++)
        {
            long position = k * (size - 1) / 47;
            var path = Path.Combine(root, $"flip{k}.semodel");
            File.Copy(intact, path);
            FlipBit(path, position, k % 8);

            // Then loading refuses it with one line, or (a bit in a field nobody reads) predicts exactly the same
            try
            {
                using var bundle = ModelBundle.Load(path);
                Assert.Equal(expected, Probabilities(bundle));
            }
            catch (ModelBundleException e)
            {
                AssertOnePrintableLine(e, $"flip{k}.semodel");
            }
        }
    }

    [Theory]
    [InlineData("model", "conv_channels", 100000)]
    [InlineData("model", "lstm_hidden", 1000000)]
    [InlineData("model", "num_classes", 2000000000)]
    [InlineData("feature_options", "max_frames", 1000000)]
    [InlineData("feature_options", "max_frames", 2000000000)]
    [InlineData("feature_options", "hop_length", 1)]
    [InlineData("feature_options", "sample_rate", 1)]
    public void Load_RefusesManifestValuesOutOfBounds_BeforeAllocating(string section, string key, long value)
    {
        // Given a bundle whose manifest was edited to a huge (or tiny) value
        var path = SaveBundle();
        RewriteManifest(path, m => m[section]![key] = value);

        // When / Then loading refuses it, naming the bundle and the value, without building the network
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        AssertOnePrintableLine(e, "model.semodel");
        Assert.Contains(key, e.Message);
    }

    [Fact]
    public void Load_DoesNotPrintControlCharactersFromADamagedFile()
    {
        // Given a bundle whose manifest entry is renamed to a name with terminal escape bytes
        var path = SaveBundle();
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            var old = zip.GetEntry("manifest.json")!;
            using (var from = old.Open())
            using (var to = zip.CreateEntry("\u001b[31mevil\u0007.json").Open())
                from.CopyTo(to);
            old.Delete();
        }

        // When / Then the error has no control characters
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        AssertOnePrintableLine(e, "model.semodel");
    }

    private static void RewriteManifest(string path, Action<JsonNode> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var old = zip.GetEntry("manifest.json")!;
        JsonNode node;
        using (var s = old.Open())
            node = JsonNode.Parse(s)!;
        old.Delete();
        change(node);
        using var w = zip.CreateEntry("manifest.json").Open();
        w.Write(Encoding.UTF8.GetBytes(node.ToJsonString()));
    }
}
