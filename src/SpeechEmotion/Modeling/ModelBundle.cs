using System.IO.Compression;
using System.Text.Json;
using SpeechEmotion.Features;
using SpeechEmotion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// A trained model: the network and its manifest (labels, feature settings, normalization, config, metrics,
/// versions). Saved as one zip-format file (<c>*.semodel</c>) holding <c>manifest.json</c> and
/// <c>weights.bin</c> (TorchSharp's state-dict format). Prediction is thread-safe.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    /// <summary>Conventional file extension of bundles.</summary>
    public const string FileExtension = ".semodel";

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";
    private readonly Lock gate = new();
    private bool disposed;

    private ModelBundle(BundleManifest manifest, EmotionNet model)
    {
        Manifest = manifest;
        Model = model;
    }

    /// <summary>The manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The network (its device is <see cref="Device"/>).</summary>
    public EmotionNet Model { get; }

    /// <summary>The device the network's weights are on.</summary>
    public Device Device => Model.parameters().First().device;

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string> Labels => Manifest.Labels;

    /// <summary>Pairs <paramref name="manifest"/> with <paramref name="model"/>; the bundle takes ownership of the model.</summary>
    /// <exception cref="ArgumentException">The manifest is inconsistent or describes another configuration than the model's.</exception>
    public static ModelBundle Create(BundleManifest manifest, EmotionNet model)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(model);
        manifest.Validate();
        if (manifest.Model != model.Config)
            throw new ArgumentException("The manifest's model config differs from the network's.", nameof(manifest));
        return new ModelBundle(manifest, model);
    }

    /// <summary>Writes the bundle to <paramref name="path"/> atomically (temporary file, then rename).</summary>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Writes the bundle (zip format) to <paramref name="stream"/>, which stays open.</summary>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
                JsonSerializer.Serialize(s, Manifest, ModelJson.Options);
            using (var s = zip.CreateEntry(WeightsEntry, CompressionLevel.Optimal).Open())
                Model.save(s);
        }
    }

    /// <summary>Reads and validates the bundle at <paramref name="path"/>, placing the network on <paramref name="device"/> (see <see cref="DeviceSelector"/>).</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ModelBundleException">Not a bundle, damaged, of a newer format, or inconsistent with itself.</exception>
    public static ModelBundle Load(string path, string device = "cpu")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: model bundle not found.", path);
        using var stream = File.OpenRead(path);
        return Load(stream, device, Path.GetFileName(path));
    }

    /// <summary>Reads and validates a bundle from <paramref name="stream"/>; see <see cref="Load(string, string)"/>.</summary>
    public static ModelBundle Load(Stream stream, string device = "cpu") => Load(stream, device, "stream");

    private static ModelBundle Load(Stream stream, string device, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var target = DeviceSelector.Resolve(device);
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException e)
        {
            throw new ModelBundleException(source, "not a SpeechEmotion model bundle (not a zip archive).", e);
        }
        using (zip)
        {
            var manifest = ReadManifest(zip, source);
            var model = new EmotionNet(manifest.Model);
            try
            {
                var weights = zip.GetEntry(WeightsEntry) ?? throw new ModelBundleException(source, $"{WeightsEntry} is missing.");
                using (var s = weights.Open())
                    WeightsReader.Load(s, model);
                model.to(target);
                model.eval();
                return new ModelBundle(manifest, model);
            }
            catch (InvalidDataException e)
            {
                model.Dispose();
                throw new ModelBundleException(source, e.Message, e);
            }
            catch
            {
                model.Dispose();
                throw;
            }
        }
    }

    private static BundleManifest ReadManifest(ZipArchive zip, string source)
    {
        var entry = zip.GetEntry(ManifestEntry) ?? throw new ModelBundleException(source, $"not a SpeechEmotion model bundle ({ManifestEntry} is missing).");
        if (entry.Length > 16 << 20)
            throw new ModelBundleException(source, $"{ManifestEntry} is implausibly large ({entry.Length} bytes).");
        BundleManifest? manifest;
        try
        {
            using var s = entry.Open();
            manifest = JsonSerializer.Deserialize<BundleManifest>(s, ModelJson.Options);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or NotSupportedException)
        {
            throw new ModelBundleException(source, $"{ManifestEntry} is not valid: {e.Message}", e);
        }
        if (manifest is null)
            throw new ModelBundleException(source, $"{ManifestEntry} is empty.");
        try
        {
            manifest.Validate();
        }
        catch (ArgumentException e)
        {
            throw new ModelBundleException(source, $"{ManifestEntry}: {e.Message}", e);
        }
        return manifest;
    }

    /// <summary>
    /// Softmax probabilities <c>[clip][class]</c> for a batch of raw (unnormalized) feature matrices
    /// <c>[frames, InputFeatures]</c> with their valid frame counts. Applies the bundle's normalization,
    /// pads the batch to its longest clip, runs the network in eval and inference mode. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentException">Counts differ, or a matrix has the wrong feature count or valid frames.</exception>
    public float[][] PredictProbabilities(IReadOnlyList<FeatureMatrix> batch, IReadOnlyList<int> validFrames)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(validFrames);
        if (batch.Count != validFrames.Count)
            throw new ArgumentException($"{batch.Count} feature matrices but {validFrames.Count} valid frame counts.", nameof(validFrames));
        if (batch.Count == 0)
            return [];
        var features = Manifest.Model.InputFeatures;
        var frames = batch.Max(m => m?.Frames ?? 0);
        var data = new float[(long)batch.Count * frames * features];
        var valid = new long[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var m = batch[i] ?? throw new ArgumentNullException(nameof(batch), $"Feature matrix {i} is null.");
            if (m.Features != features)
                throw new ArgumentException($"Feature matrix {i} has {m.Features} features per frame; the model expects {features}.", nameof(batch));
            valid[i] = FeatureNormalization.CheckedValidFrames($"#{i}", m, validFrames[i]);
            Manifest.Normalization.ApplyTo(m, validFrames[i], data.AsSpan(i * frames * features, m.Frames * features));
        }

        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            using var scope = torch.NewDisposeScope();
            using var inference = torch.inference_mode();
            Model.eval();
            var device = Device;
            var x = torch.tensor(data, [batch.Count, frames, features]).to(device);
            var lengths = torch.tensor(valid).to(device);
            var probabilities = Model.call(x, lengths).softmax(1).cpu().data<float>().ToArray();
            var classes = Manifest.Model.NumClasses;
            return Enumerable.Range(0, batch.Count).Select(i => probabilities.AsSpan(i * classes, classes).ToArray()).ToArray();
        }
    }

    /// <summary>Releases the network's native memory.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
            Model.Dispose();
        }
    }
}
