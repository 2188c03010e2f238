using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using SpeechEmotion.Tests.Training;
using TorchSharp;

namespace SpeechEmotion.Tests.Modeling;

public sealed class ModelBundleTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("se-bundle-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private static ModelBundle NewBundle(ModelConfig? config = null, int seed = 11, Dictionary<string, string>? data = null, TrainingDataSummary? trainedOn = null)
    {
        config ??= new ModelConfig { NumClasses = 3 };
        torch.random.manual_seed(seed);
        var clips = SyntheticCorpus.Clips(6, seed: seed - 8);
        var manifest = new BundleManifest
        {
            Labels = SyntheticCorpus.Labels,
            FeatureOptions = new FeatureOptions(),
            Normalization = FeatureNormalization.Fit(clips),
            Model = config,
            Seed = seed,
            Metrics = new Dictionary<string, double> { ["validation_macro_f1"] = 0.5 },
            Data = data ?? new Dictionary<string, string>(),
            TrainedOn = trainedOn,
        };
        return ModelBundle.Create(manifest, new EmotionNet(config));
    }

    private string SaveBundle(ModelBundle bundle)
    {
        var path = Path.Combine(root, "model.semodel");
        bundle.Save(path);
        return path;
    }

    // Rewrites one entry of a saved bundle.
    private static void RewriteEntry(string path, string entry, Func<byte[], byte[]> change)
    {
        using var zip = ZipFile.Open(path, ZipArchiveMode.Update);
        var old = zip.GetEntry(entry)!;
        byte[] bytes;
        using (var s = old.Open())
        using (var m = new MemoryStream())
        {
            s.CopyTo(m);
            bytes = m.ToArray();
        }
        old.Delete();
        using var w = zip.CreateEntry(entry).Open();
        w.Write(change(bytes));
    }

    private static void RewriteManifest(string path, Action<JsonNode> change) =>
        RewriteEntry(path, "manifest.json", bytes =>
        {
            var node = JsonNode.Parse(bytes)!;
            change(node);
            return Encoding.UTF8.GetBytes(node.ToJsonString());
        });

    [Fact]
    public void SaveAndLoad_GiveIdenticalProbabilities()
    {
        // Given a bundle and a batch of raw clips of mixed lengths
        using var bundle = NewBundle();
        var clips = SyntheticCorpus.Clips(4, seed: 5);
        var features = clips.Select(c => c.Features.Load()).ToArray();
        var valid = clips.Select(c => c.ValidFrames).ToArray();
        var before = bundle.PredictProbabilities(features, valid);

        // When it is saved and loaded again
        using var loaded = ModelBundle.Load(SaveBundle(bundle));

        // Then the manifest round-trips and the probabilities are bit-identical and sum to 1
        Assert.Equal(bundle.Manifest.Labels, loaded.Manifest.Labels);
        Assert.Equal(bundle.Manifest.Model, loaded.Manifest.Model);
        Assert.Equal(bundle.Manifest.FeatureOptions, loaded.Manifest.FeatureOptions);
        Assert.Equal(bundle.Manifest.Normalization.Mean, loaded.Manifest.Normalization.Mean);
        Assert.Equal(0.5, loaded.Manifest.Metrics["validation_macro_f1"]);
        var after = loaded.PredictProbabilities(features, valid);
        for (var i = 0; i < before.Length; i++)
        {
            Assert.Equal(before[i], after[i]);
            Assert.Equal(1.0, after[i].Sum(), 5);
        }
    }

    [Fact]
    public void PredictProbabilities_WindowsOfAnyLength_GiveTheSameAnswerAloneAsInAPaddedBatch()
    {
        // Given windows of 23, 70, 129 and 248 frames (a batch is padded to a multiple of 32 frames, up to 248)
        using var bundle = NewBundle();
        var clip = SyntheticCorpus.Clips(1, seed: 9, frames: 300)[0].Features.Load();
        var windows = new[] { new FeatureWindow(clip, 0, 23), new FeatureWindow(clip, 10, 70), new FeatureWindow(clip, 40, 129), new FeatureWindow(clip, 52, 248) };

        // When each is predicted alone and all four together
        // Then the padding (to 32, 96 and 160 frames alone; the three longest to 248 together) changes nothing
        AssertSameAloneAsTogether(bundle, windows);
    }

    // Predicts the windows together and each alone, and checks that every window gets its own answer, in input order.
    private static void AssertSameAloneAsTogether(ModelBundle bundle, FeatureWindow[] windows)
    {
        var together = bundle.PredictProbabilities(windows);
        var alone = windows.Select(w => bundle.PredictProbabilities([w])[0]).ToArray();
        for (var i = 0; i < windows.Length; i++)
        {
            for (var k = 0; k < alone[i].Length; k++)
                Assert.Equal(alone[i][k], together[i][k], 5);
        }
    }

    [Fact]
    public void LengthGroups_SplitLongAndShortWindows_ButKeepSimilarOnesInOnePass()
    {
        using var bundle = NewBundle();

        // Given a long clip's full windows among short clips' windows, windows of one length, and four similar lengths
        int[] mixed = [.. Enumerable.Range(0, 64).Select(i => i % 2 == 0 ? 248 : 100)];
        int[] equal = [.. Enumerable.Repeat(248, 64)];
        int[] similar = [248, 240, 200, 180];

        // When they are grouped into passes
        var mixedGroups = bundle.LengthGroups(mixed);

        // Then the full windows run apart from the short ones (each once, long first); the others stay in one pass
        Assert.Equal(2, mixedGroups.Length);
        Assert.All(mixedGroups[0], i => Assert.Equal(248, mixed[i]));
        Assert.All(mixedGroups[1], i => Assert.Equal(100, mixed[i]));
        Assert.Equal(Enumerable.Range(0, 64), mixedGroups.SelectMany(g => g).Order());
        Assert.Single(bundle.LengthGroups(equal));
        Assert.Single(bundle.LengthGroups(similar));
    }

    [Fact]
    public void PredictProbabilities_ABatchRunInSeveralPasses_AnswersInInputOrder()
    {
        // Given long and short windows interleaved (run as two passes)
        using var bundle = NewBundle();
        var clip = SyntheticCorpus.Clips(1, seed: 5, frames: 400)[0].Features.Load();
        var windows = Enumerable.Range(0, 24)
            .Select(i => i % 2 == 0 ? new FeatureWindow(clip, i * 6, 248) : new FeatureWindow(clip, i * 7, 30 + i))
            .ToArray();
        Assert.Equal(2, bundle.LengthGroups([.. windows.Select(w => w.Frames)]).Length);

        // When they are predicted together and each alone
        // Then every answer is the window's own, in input order
        AssertSameAloneAsTogether(bundle, windows);
    }

    [Fact]
    public void Manifest_IsIndentedSnakeCaseJson_WithVersions()
    {
        // Given a saved bundle
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);

        // When its manifest is read as text
        using var zip = ZipFile.OpenRead(path);
        using var reader = new StreamReader(zip.GetEntry("manifest.json")!.Open());
        var text = reader.ReadToEnd();

        // Then it is indented snake_case with the format version, label order and library versions
        Assert.Contains("\n  \"format_version\": 1", text);
        Assert.Contains("\"feature_options\"", text);
        Assert.Contains("\"n_mfcc\": 40", text);
        Assert.Contains("\"lstm_hidden\": 64", text);
        var node = JsonNode.Parse(text)!;
        Assert.Equal("low", node["labels"]![0]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(node["versions"]!["torchsharp"]!.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(node["versions"]!["speech_emotion"]!.GetValue<string>()));
    }

    [Fact]
    public void Load_RefusesAFileThatIsNotABundle()
    {
        // Given a text file with the bundle extension
        var path = Path.Combine(root, "fake.semodel");
        File.WriteAllText(path, "hello");

        // When / Then loading names the file and the problem
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("fake.semodel", e.Message);
        Assert.Contains("not a zip", e.Message);
    }

    [Fact]
    public void Load_RefusesANewerFormatVersion()
    {
        // Given a bundle whose manifest claims format 3
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteManifest(path, m => m["format_version"] = 3);

        // When / Then loading refuses and says to update
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("format_version 3", e.Message);
        Assert.Contains("newer", e.Message);
    }

    [Fact]
    public void Load_RefusesLabelsThatDoNotMatchTheClasses()
    {
        // Given a bundle whose manifest lists 2 labels for a 3-class model
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteManifest(path, m => m["labels"] = new JsonArray("a", "b"));

        // When / Then loading says so
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("2 labels but the model has 3 classes", e.Message);
    }

    [Fact]
    public void Load_RefusesFeatureOptionsThatDoNotMatchTheModel()
    {
        // Given a bundle whose feature options give 20 MFCCs (61 features) for a 121-feature model
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteManifest(path, m => m["feature_options"]!["n_mfcc"] = 20);

        // When / Then loading says so
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("61 features per frame but the model expects 121", e.Message);
    }

    [Fact]
    public void Load_RefusesNormalizationOfTheWrongLength()
    {
        // Given a bundle whose normalization has 3 means
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteManifest(path, m => m["normalization"]!["mean"] = new JsonArray(0, 0, 0));

        // When / Then loading says so
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("3 means", e.Message);
    }

    [Fact]
    public void Load_RefusesWeightsOfAnotherConfig_NamingTheParameter()
    {
        // Given a bundle whose manifest says LSTM 32 but whose weights are for LSTM 64
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteManifest(path, m => m["model"]!["lstm_hidden"] = 32);

        // When / Then loading names the first mismatched weight and both shapes
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("'lstm_forward.0.weight_ih_l0' is Float32 [256, 128] but the model expects Float32 [128, 128]", e.Message);
    }

    [Fact]
    public void Load_RefusesTruncatedWeights()
    {
        // Given a bundle whose weights entry lost its second half
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteEntry(path, "weights.bin", b => b[..(b.Length / 2)]);

        // When / Then loading reports truncated weights
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Load_RefusesABrokenManifest()
    {
        // Given a bundle whose manifest is not JSON
        using var bundle = NewBundle();
        var path = SaveBundle(bundle);
        RewriteEntry(path, "manifest.json", _ => Encoding.UTF8.GetBytes("{ not json"));

        // When / Then loading names the manifest
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("manifest.json is not valid", e.Message);
    }

    [Fact]
    public void Save_ReplacesAnExistingFileAtomically_LeavingNoTemporaryFiles()
    {
        // Given a bundle saved twice to the same path
        using var bundle = NewBundle();
        SaveBundle(bundle);
        var path = SaveBundle(bundle);

        // Then one complete file remains and no temporary file
        Assert.Single(Directory.GetFiles(root));
        using var loaded = ModelBundle.Load(path);
        Assert.Equal(3, loaded.Labels.Count);
    }

    [Fact]
    public void Create_RefusesAManifestForAnotherNetwork()
    {
        // Given a manifest for 3 classes and a network for 8
        using var bundle = NewBundle();
        using var other = new EmotionNet(new ModelConfig());

        // When / Then pairing them fails
        Assert.Throws<ArgumentException>(() => ModelBundle.Create(bundle.Manifest, other));
    }

    [Fact]
    public void PredictProbabilities_RejectsWrongFeatureCount()
    {
        // Given a bundle and a matrix with 40 features per frame
        using var bundle = NewBundle();
        var matrix = new FeatureMatrix(new float[20 * 40], 20, 40);

        // When / Then prediction refuses with the expected count
        var e = Assert.Throws<ArgumentException>(() => bundle.PredictProbabilities([matrix], [20]));
        Assert.Contains("121", e.Message);
    }

    [Fact]
    public void Combine_AveragesTheMembersProbabilities_AndSurvivesSaveAndLoad()
    {
        // Given two bundles with different weights and normalizations, and a batch of clips
        // (one of the first bundle format, which described its data as free-form text, one with the typed summary)
        using var a = NewBundle(seed: 11, data: new() { ["split"] = "emobox:1", ["train_actors"] = "01,02", ["validation_actors"] = "03", ["test_actors"] = "11,20" });
        using var b = NewBundle(seed: 12, trainedOn: new TrainingDataSummary
        {
            Split = "emobox:1",
            SpeakerIndependent = true,
            TrainSpeakers = ["ravdess:02", "ravdess:03"],
            ValidationSpeakers = ["ravdess:01"],
            TestSpeakers = ["ravdess:11", "ravdess:20"],
        });
        var clips = SyntheticCorpus.Clips(4, seed: 5);
        var features = clips.Select(c => c.Features.Load()).ToArray();
        var valid = clips.Select(c => c.ValidFrames).ToArray();
        var pa = a.PredictProbabilities(features, valid);
        var pb = b.PredictProbabilities(features, valid);

        // When they are combined, saved and loaded
        using var ensemble = ModelBundle.Combine([a, b]);
        var path = SaveBundle(ensemble);
        using var loaded = ModelBundle.Load(path);

        // Then the ensemble gives the mean of the members' probabilities, before and after the round trip
        Assert.Equal(2, loaded.MemberCount);
        Assert.NotEqual(pa[0], pb[0]);
        var combined = ensemble.PredictProbabilities(features, valid);
        var reloaded = loaded.PredictProbabilities(features, valid);
        for (var i = 0; i < clips.Count; i++)
        {
            for (var c = 0; c < 3; c++)
                Assert.Equal((pa[i][c] + pb[i][c]) / 2, combined[i][c], 5);
            Assert.Equal(combined[i], reloaded[i]);
        }

        // And the manifest is format 2, lists both members, and joins their speakers in its typed summary
        Assert.Equal(BundleManifest.EnsembleFormatVersion, loaded.Manifest.FormatVersion);
        Assert.Equal([11, 12], loaded.Manifest.Ensemble!.Select(m => m.Seed ?? 0));
        var trainedOn = loaded.Manifest.TrainedOn;
        Assert.NotNull(trainedOn);
        Assert.Equal("emobox:1", trainedOn.Split);
        Assert.Equal(["ravdess:01", "ravdess:02", "ravdess:03"], trainedOn.TrainSpeakers);
        Assert.Equal(["ravdess:01", "ravdess:03"], trainedOn.ValidationSpeakers);
        Assert.Equal(["ravdess:11", "ravdess:20"], trainedOn.TestSpeakers);
        Assert.Equal(["ravdess:01", "ravdess:02", "ravdess:03"], trainedOn.SeenSpeakers.Distinct().Order());
        Assert.Equal(["ravdess:01", "ravdess:02"], loaded.Manifest.Ensemble![0].TrainingData!.TrainSpeakers);
        Assert.Equal(0.5, loaded.Manifest.Metrics["member_mean_validation_macro_f1"]);
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["manifest.json", "weights-0.bin", "weights-1.bin"], zip.Entries.Select(e => e.FullName).Order());
    }

    [Fact]
    public void Combine_FlattensEnsembles_AndKeepsTheInputsUsable()
    {
        // Given an ensemble of two bundles and a third bundle
        using var a = NewBundle(seed: 11);
        using var b = NewBundle(seed: 12);
        using var c = NewBundle(seed: 13);
        using var pair = ModelBundle.Combine([a, b]);

        // When the ensemble and the third bundle are combined, and the inputs are disposed
        using var triple = ModelBundle.Combine([pair, c]);
        var clips = SyntheticCorpus.Clips(2, seed: 5);
        var expected = new[] { a, b, c }.Select(m => m.PredictProbabilities(clips.Select(x => x.Features.Load()).ToArray(), clips.Select(x => x.ValidFrames).ToArray())).ToArray();
        pair.Dispose();

        // Then it has three members and averages all three
        Assert.Equal(3, triple.MemberCount);
        var p = triple.PredictProbabilities(clips.Select(x => x.Features.Load()).ToArray(), clips.Select(x => x.ValidFrames).ToArray());
        Assert.Equal((expected[0][0][1] + expected[1][0][1] + expected[2][0][1]) / 3, p[0][1], 5);
    }

    [Fact]
    public void Combine_RefusesMembersThatDoNotFit()
    {
        using var a = NewBundle(seed: 11);
        using var wider = NewBundle(new ModelConfig { NumClasses = 3, DenseUnits = 32 }, seed: 12);

        Assert.Contains("network config", Assert.Throws<ArgumentException>(() => ModelBundle.Combine([a, wider])).Message);
        Assert.Contains("at least 2", Assert.Throws<ArgumentException>(() => ModelBundle.Combine([a])).Message);
    }

    [Fact]
    public void Load_RefusesAnEnsembleWithAMissingMember()
    {
        // Given a saved ensemble of two whose second weights file is removed
        using var a = NewBundle(seed: 11);
        using var b = NewBundle(seed: 12);
        using var ensemble = ModelBundle.Combine([a, b]);
        var path = SaveBundle(ensemble);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            zip.GetEntry("weights-1.bin")!.Delete();

        // When / Then loading names the missing entry
        var e = Assert.Throws<ModelBundleException>(() => ModelBundle.Load(path));
        Assert.Contains("weights-1.bin is missing", e.Message);
    }
}
