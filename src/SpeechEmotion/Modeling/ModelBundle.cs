using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using SpeechEmotion.Features;
using SpeechEmotion.Data;
using SpeechEmotion.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// A trained model: the network and its manifest (labels, feature settings, normalization, config, metrics,
/// versions). Saved as one zip-format file (<c>*.semodel</c>) holding <c>manifest.json</c> and
/// <c>weights.bin</c> (TorchSharp's state-dict format). An ensemble bundle (<see cref="Combine"/>) holds
/// several networks, <c>weights-0.bin</c>, <c>weights-1.bin</c> ..., and averages their probabilities.
/// Prediction is thread-safe.
/// </summary>
public sealed class ModelBundle : IDisposable
{
    /// <summary>Conventional file extension of bundles.</summary>
    public const string FileExtension = ".semodel";

    private const string ManifestEntry = "manifest.json";
    private const string WeightsEntry = "weights.bin";
    // Forward passes, saving and copying read the networks and may run concurrently (HeldScalars makes concurrent
    // forward passes safe); only Dispose needs them alone.
    private readonly ReaderWriterLockSlim access = new();
    private readonly Member[] members;
    private bool disposed;

    // One network with the normalization fitted on its own training clips.
    private sealed record Member(EmotionNet Network, FeatureNormalization Normalization);

    private ModelBundle(BundleManifest manifest, Member[] members)
    {
        Manifest = manifest;
        this.members = members;
    }

    /// <summary>The manifest.</summary>
    public BundleManifest Manifest { get; }

    /// <summary>The network (the first member's, for an ensemble; its device is <see cref="Device"/>).</summary>
    public EmotionNet Model => members[0].Network;

    /// <summary>Networks whose probabilities are averaged: 1, or the ensemble's size.</summary>
    public int MemberCount => members.Length;

    /// <summary>The device the network's weights are on.</summary>
    public Device Device => Model.parameters().First().device;

    /// <summary>Class names in output order.</summary>
    public IReadOnlyList<string> Labels => Manifest.Labels;

    /// <summary>Pairs <paramref name="manifest"/> with <paramref name="model"/>; the bundle takes ownership of the model.</summary>
    /// <exception cref="ArgumentException">The manifest is inconsistent, describes an ensemble, or another configuration than the model's.</exception>
    public static ModelBundle Create(BundleManifest manifest, EmotionNet model)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(model);
        manifest.Validate();
        if (manifest.Ensemble is not null)
            throw new ArgumentException("An ensemble manifest needs its members' networks; use Combine.", nameof(manifest));
        if (manifest.Model != model.Config)
            throw new ArgumentException("The manifest's model config differs from the network's.", nameof(manifest));
        return new ModelBundle(manifest, [new Member(model, manifest.Normalization)]);
    }

    /// <summary>
    /// An ensemble of <paramref name="bundles"/> (ensembles among them are flattened) whose probabilities are the
    /// mean of theirs, on the first bundle's device. The inputs stay usable and owned by the caller: the ensemble holds
    /// copies of their networks. Its manifest lists every member's normalization, seed, metrics and data; its data
    /// description joins the members' training and validation actors, so leak checks see all of them.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 networks, or members that differ in labels, feature options or network config.</exception>
    public static ModelBundle Combine(IReadOnlyList<ModelBundle> bundles)
    {
        ArgumentNullException.ThrowIfNull(bundles);
        if (bundles.Any(b => b is null))
            throw new ArgumentException("A bundle to combine is null.", nameof(bundles));
        var first = bundles.Count > 0 ? bundles[0].Manifest : null;
        var parts = bundles.SelectMany(b => b.MemberManifests().Zip(b.members, (m, net) => (Bundle: b, Description: m, net.Network))).ToArray();
        if (first is null || parts.Length < 2)
            throw new ArgumentException($"An ensemble needs at least 2 networks (got {parts.Length}).", nameof(bundles));
        foreach (var b in bundles)
        {
            var m = b.Manifest;
            if (!m.Labels.SequenceEqual(first.Labels, StringComparer.Ordinal))
                throw new ArgumentException($"Members differ in labels ({string.Join(",", first.Labels)} vs {string.Join(",", m.Labels)}).", nameof(bundles));
            if (m.FeatureOptions != first.FeatureOptions)
                throw new ArgumentException("Members differ in feature options.", nameof(bundles));
            if (m.Model != first.Model)
                throw new ArgumentException("Members differ in network config.", nameof(bundles));
            if ((m.FrontEnd ?? FrontEnd.FrontEndOptions.None) != (first.FrontEnd ?? FrontEnd.FrontEndOptions.None))
                throw new ArgumentException("Members differ in front-end options.", nameof(bundles));
            if (!m.LabelMap.OrderBy(p => p.Key).SequenceEqual(first.LabelMap.OrderBy(p => p.Key)))
                throw new ArgumentException("Members differ in label map.", nameof(bundles));
        }

        var device = bundles[0].Device;
        var copies = new List<Member>(parts.Length);
        try
        {
            foreach (var part in parts)
            {
                var copy = new EmotionNet(first.Model);
                copies.Add(new Member(copy, part.Description.Normalization));
                var buffer = new MemoryStream();
                using (part.Bundle.Reading())
                    part.Network.save(buffer); // closes the stream; ToArray still works
                using var weights = new MemoryStream(buffer.ToArray());
                WeightsReader.Load(weights, copy);
                copy.to(device);
                copy.eval();
            }
        }
        catch
        {
            foreach (var member in copies)
                member.Network.Dispose();
            throw;
        }

        var descriptions = parts.Select(p => p.Description).ToArray();
        var manifest = new BundleManifest
        {
            FormatVersion = BundleManifest.EnsembleFormatVersion,
            Labels = first.Labels,
            FeatureOptions = first.FeatureOptions,
            FrontEnd = first.FrontEnd,
            LabelMap = first.LabelMap,
            Normalization = descriptions[0].Normalization,
            Model = first.Model,
            Training = first.Training,
            Ensemble = descriptions,
            TrainedOn = EnsembleData(descriptions),
            Metrics = MemberMeans(descriptions),
        };
        return new ModelBundle(manifest, [.. copies]);
    }

    // The members as manifest entries: an ensemble's own list, or the single network's description.
    private IReadOnlyList<EnsembleMember> MemberManifests() => Manifest.Ensemble ??
        [new EnsembleMember { Normalization = Manifest.Normalization, Seed = Manifest.Seed, Metrics = Manifest.Metrics, TrainedOn = Manifest.TrainingData }];

    // The ensemble is not scored here; its metrics are the members' own, averaged ("member_mean_test_macro_f1").
    private static Dictionary<string, double> MemberMeans(IReadOnlyList<EnsembleMember> members) =>
        members[0].Metrics.Keys
            .Where(key => members.All(m => m.Metrics.ContainsKey(key)))
            .ToDictionary(key => "member_mean_" + key, key => members.Average(m => m.Metrics[key]));

    // The ensemble's data: the members' corpora (largest counts), their split when they share it, and the union of
    // the speakers that steered any member, so leak checks see all of them.
    private static TrainingDataSummary? EnsembleData(IReadOnlyList<EnsembleMember> members)
    {
        var data = members.Select(m => m.TrainingData).OfType<TrainingDataSummary>().ToArray();
        if (data.Length == 0)
            return null;
        static string[] Union(IEnumerable<string> speakers) => speakers.Distinct().Order(StringComparer.Ordinal).ToArray();
        var splits = data.Select(d => d.Split).Distinct().ToArray();
        return new TrainingDataSummary
        {
            Corpora = data.SelectMany(d => d.Corpora).GroupBy(c => c.Name).Select(g => g.MaxBy(c => c.Clips)!).OrderBy(c => c.Name, StringComparer.Ordinal).ToArray(),
            Split = splits.Length == 1 ? splits[0] : $"ensemble of {members.Count} ({string.Join(", ", splits)})",
            SpeakerIndependent = data.All(d => d.SpeakerIndependent),
            IncludeSong = data.Any(d => d.IncludeSong),
            TrainSpeakers = Union(data.SelectMany(d => d.TrainSpeakers)),
            ValidationSpeakers = Union(data.SelectMany(d => d.ValidationSpeakers)),
            TestSpeakers = splits.Length == 1 ? data[0].TestSpeakers : [],
            TrainClips = data.Max(d => d.TrainClips),
            AugmentedClips = data.Max(d => d.AugmentedClips),
            ValidationClips = data.Max(d => d.ValidationClips),
            TestClips = data.Max(d => d.TestClips),
            Augmentation = data[0].Augmentation,
        };
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
        using (Reading())
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var s = zip.CreateEntry(ManifestEntry, CompressionLevel.Optimal).Open())
                JsonSerializer.Serialize(s, Manifest, ModelJson.Options);
            for (var i = 0; i < members.Length; i++)
            {
                using var s = zip.CreateEntry(WeightsEntryOf(Manifest, i), CompressionLevel.Optimal).Open();
                members[i].Network.save(s);
            }
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
            var entries = BundleEntries.ReadVerified(zip, source);
            var manifest = ReadManifest(entries, source);
            var normalizations = manifest.Ensemble?.Select(m => m.Normalization).ToArray() ?? [manifest.Normalization];
            var loaded = new List<Member>(normalizations.Length);
            try
            {
                for (var i = 0; i < normalizations.Length; i++)
                {
                    var model = new EmotionNet(manifest.Model);
                    loaded.Add(new Member(model, normalizations[i]));
                    var name = WeightsEntryOf(manifest, i);
                    var weights = entries.GetValueOrDefault(name) ?? throw new ModelBundleException(source, $"{name} is missing.");
                    using (var s = new MemoryStream(weights, writable: false))
                        WeightsReader.Load(s, model);
                    model.to(target);
                    model.eval();
                }
                return new ModelBundle(manifest, [.. loaded]);
            }
            catch (InvalidDataException e)
            {
                Dispose(loaded);
                throw new ModelBundleException(source, e.Message, e);
            }
            catch
            {
                Dispose(loaded);
                throw;
            }
        }
    }

    private static string WeightsEntryOf(BundleManifest manifest, int member) =>
        manifest.Ensemble is null ? WeightsEntry : $"weights-{member}.bin";

    private static void Dispose(List<Member> loaded)
    {
        foreach (var member in loaded)
            member.Network.Dispose();
    }

    private static BundleManifest ReadManifest(Dictionary<string, byte[]> entries, string source)
    {
        var entry = entries.GetValueOrDefault(ManifestEntry) ?? throw new ModelBundleException(source, $"not a SpeechEmotion model bundle ({ManifestEntry} is missing).");
        if (entry.Length > 16 << 20)
            throw new ModelBundleException(source, $"{ManifestEntry} is implausibly large ({entry.Length} bytes).");
        BundleManifest? manifest;
        try
        {
            using var s = new MemoryStream(entry, writable: false);
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
            ManifestLimits.Check(manifest);   // before Validate, which may build arrays from these values
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
        var windows = new FeatureWindow[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var m = batch[i] ?? throw new ArgumentNullException(nameof(batch), $"Feature matrix {i} is null.");
            windows[i] = new FeatureWindow(m, 0, FeatureNormalization.CheckedValidFrames($"#{i}", m.Frames, validFrames[i]));
        }
        return PredictProbabilities(windows);
    }

    // Frame counts a batch is padded up to. Every distinct input shape makes oneDNN compile and cache new convolution and
    // LSTM kernels (a few MB each, and milliseconds to build), so a stream of batches padded to their exact longest
    // window kept growing the process; multiples of PaddingStep up to the window length bound the shapes to a handful.
    // Padding frames never change the output.
    private const int PaddingStep = 32;

    private int PaddedFrames(int longest)
    {
        var window = Manifest.FeatureOptions.MaxFrames ?? int.MaxValue;
        if (longest >= window)
            return longest;
        return Math.Min(window, (longest + PaddingStep - 1) / PaddingStep * PaddingStep);
    }

    /// <summary>
    /// Softmax probabilities <c>[window][class]</c> for windows of raw feature matrices: each window's rows are
    /// normalized straight into the batch (no copy of the window first), windows of very different lengths go through
    /// the network as separate passes (see <see cref="LengthGroups"/>), each padded to its longest window, in eval and
    /// inference mode. Thread-safe: concurrent calls run their forward passes side by side.
    /// </summary>
    /// <exception cref="ArgumentException">A window has the wrong feature count or lies outside its matrix.</exception>
    public float[][] PredictProbabilities(IReadOnlyList<FeatureWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
            return [];
        var features = Manifest.Model.InputFeatures;
        var lengths = new int[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            var w = windows[i];
            if (w.Features is null)
                throw new ArgumentNullException(nameof(windows), $"Window {i} has no feature matrix.");
            if (w.Features.Features != features)
                throw new ArgumentException($"Window {i} has {w.Features.Features} features per frame; the model expects {features}.", nameof(windows));
            if (w.Start < 0 || w.Frames < 0 || w.Start + w.Frames > w.Features.Frames)
                throw new ArgumentException($"Window {i} (frames {w.Start} to {w.Start + w.Frames}) lies outside its {w.Features.Frames} frames.", nameof(windows));
            lengths[i] = w.Frames;
        }
        var groups = LengthGroups(lengths);
        if (groups.Length == 1)
            return PredictPadded(windows);
        var probabilities = new float[windows.Count][];
        foreach (var group in groups)
        {
            var results = PredictPadded([.. group.Select(i => windows[i])]);
            for (var k = 0; k < group.Length; k++)
                probabilities[group[k]] = results[k];
        }
        return probabilities;
    }

    // A forward pass costs about (PassOverheadWindows + windows) x padded frames: the LSTM's steps are a chain of small
    // operations whose cost hardly grows with the batch (batch 1 took 4.1 ms for a 160-frame window on 2 threads; batch
    // 64 took 1.3 ms per 248-frame window, so a pass's fixed part is worth about 4 windows).
    private const int PassOverheadWindows = 4;

    /// <summary>
    /// Splits windows (by their frame counts) into the passes that cost least under that model: sorted by length,
    /// cut where a run of short windows padded to a long one costs more than a pass of its own. A batch that mixes a
    /// long clip's full windows with short clips' windows is no longer computed entirely at the full length.
    /// </summary>
    /// <returns>Indices into <paramref name="lengths"/>, one array per pass, longest windows first.</returns>
    internal int[][] LengthGroups(IReadOnlyList<int> lengths)
    {
        var n = lengths.Count;
        var order = Enumerable.Range(0, n).OrderByDescending(i => lengths[i]).ToArray();
        var padded = order.Select(i => (double)PaddedFrames(lengths[i])).ToArray();
        // cost[i]: least cost of the windows order[i..]; cut[i]: where the pass starting at i ends.
        var cost = new double[n + 1];
        var cut = new int[n + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            cost[i] = double.PositiveInfinity;
            for (var j = i + 1; j <= n; j++)
            {
                var c = padded[i] * (PassOverheadWindows + j - i) + cost[j];
                if (c < cost[i]) (cost[i], cut[i]) = (c, j);
            }
        }
        var groups = new List<int[]>();
        for (var i = 0; i < n; i = cut[i])
            groups.Add(order[i..cut[i]]);
        return [.. groups];
    }

    // One pass: the windows padded to the longest of them.
    private float[][] PredictPadded(IReadOnlyList<FeatureWindow> windows)
    {
        var features = Manifest.Model.InputFeatures;
        var frames = 0;
        var valid = new long[windows.Count];
        for (var i = 0; i < windows.Count; i++)
        {
            valid[i] = windows[i].Frames;
            frames = Math.Max(frames, windows[i].Frames);
        }
        frames = PaddedFrames(frames);

        // The batch is built in a pooled buffer: a fresh 7.7 MB array per batch of 64 would go to the large-object heap,
        // which only full collections reclaim, and a stream of batches grew the process by about 100 MB.
        int length = windows.Count * frames * features;
        var data = ArrayPool<float>.Shared.Rent(length);
        try
        {
            using (Reading())
            {
                using var scope = torch.NewDisposeScope();
                using var inference = torch.inference_mode();
                var device = Device;
                var lengths = torch.tensor(valid).to(device);
                Tensor? sum = null;
                using var one = 1f.ToScalar();   // held: add_(tensor) would pass its alpha as a temporary (see HeldScalars)
                foreach (var member in members)
                {
                    for (var i = 0; i < windows.Count; i++)
                    {
                        var w = windows[i];
                        var rows = data.AsSpan(i * frames * features, frames * features);
                        member.Normalization.ApplyRows(w.Features, w.Start, w.Frames, rows);
                        rows[(w.Frames * features)..].Clear();   // padding frames are zero
                    }
                    if (member.Network.training) member.Network.eval();
                    // Wraps the buffer without copying; the tensor is gone (scope) before the buffer returns to the pool.
                    var x = torch.tensor(new Memory<float>(data, 0, length), [windows.Count, frames, features]).to(device);
                    var p = member.Network.call(x, lengths).softmax(1);
                    sum = sum is null ? p : sum.add_(p, one);
                }
                if (members.Length > 1)
                {
                    using var count = ((float)members.Length).ToScalar();
                    sum!.div_(count);
                }
                var probabilities = sum!.cpu().data<float>().ToArray();
                var classes = Manifest.Model.NumClasses;
                return Enumerable.Range(0, windows.Count).Select(i => probabilities.AsSpan(i * classes, classes).ToArray()).ToArray();
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(data);
        }
    }

    /// <summary>Releases the networks' native memory.</summary>
    public void Dispose()
    {
        access.EnterWriteLock();
        try
        {
            if (disposed)
                return;
            disposed = true;
            foreach (var member in members)
                member.Network.Dispose();
        }
        finally
        {
            access.ExitWriteLock();
        }
    }

    /// <summary>Holds the read lock until disposed; throws <see cref="ObjectDisposedException"/> once the bundle is disposed.</summary>
    private ReadLock Reading()
    {
        access.EnterReadLock();
        if (disposed)
        {
            access.ExitReadLock();
            throw new ObjectDisposedException(nameof(ModelBundle));
        }
        return new ReadLock(access);
    }

    private readonly struct ReadLock(ReaderWriterLockSlim access) : IDisposable
    {
        public void Dispose() => access.ExitReadLock();
    }
}
