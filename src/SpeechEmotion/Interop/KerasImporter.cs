using System.Text.Json;
using PureHDF;
using SpeechEmotion.Features;
using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Interop;

/// <summary>
/// Imports a model trained by the original Keras project (a Keras 3 <c>.h5</c> file: Conv1D, BatchNormalization,
/// Conv1D, MaxPooling1D, Dropout, Bidirectional(LSTM), AttentionLayer, Dense, Dense) into a <see cref="ModelBundle"/>.
/// The network's sizes are read from the weights, the per-frame attention bias is kept
/// (<see cref="ModelConfig.AttentionBiasFrames"/>), so the bundle's outputs equal the Keras model's for the same
/// input. The manifest records where the weights came from and how the original computed its features.
/// </summary>
public static class KerasImporter
{
    /// <summary>
    /// The original project's label order: sklearn's LabelEncoder sorted the emotion names alphabetically, and the
    /// network's outputs follow that order.
    /// </summary>
    public static IReadOnlyList<string> OriginalLabels { get; } =
        ["angry", "calm", "disgust", "fearful", "happy", "neutral", "sad", "surprised"];

    // The layer sequence of the original model, without the input layer.
    private static readonly string[] ExpectedLayers =
        ["Conv1D", "BatchNormalization", "Conv1D", "MaxPooling1D", "Dropout", "Bidirectional", "AttentionLayer", "Dense", "Dense"];

    private static readonly byte[] Hdf5Signature = [0x89, (byte)'H', (byte)'D', (byte)'F', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// Reads the Keras model at <paramref name="path"/> and returns a bundle holding its network on the CPU.
    /// </summary>
    /// <param name="path">A Keras <c>.h5</c> file saved with <c>model.save(...)</c> (model config and weights).</param>
    /// <param name="labels">Class names in the model's output order; null for <see cref="OriginalLabels"/> (8 classes).</param>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="KerasImportException">Not HDF5, no model config, or not the original network.</exception>
    public static ModelBundle Import(string path, IReadOnlyList<string>? labels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: Keras model not found.", path);
        var source = Path.GetFileName(path);
        CheckSignature(path, source);

        KerasModel keras;
        try
        {
            using var file = H5File.OpenRead(path);
            keras = Read(file, source);
        }
        catch (Exception e) when (e is not KerasImportException)
        {
            throw new KerasImportException(source, $"cannot read the HDF5 content ({e.Message}).", e);
        }

        labels ??= keras.Config.NumClasses == OriginalLabels.Count ? OriginalLabels : null;
        if (labels is null || labels.Count != keras.Config.NumClasses)
            throw new KerasImportException(source, $"the model has {keras.Config.NumClasses} outputs; give that many labels in output order.");

        var network = new EmotionNet(keras.Config);
        try
        {
            CopyWeights(network, keras, source);
            network.eval();
            var features = new FeatureOptions { MaxFrames = keras.InputFrames };
            var manifest = new BundleManifest
            {
                Labels = [.. labels],
                FeatureOptions = features,
                // The original fed raw features to the network: an identity normalization.
                Normalization = new FeatureNormalization(new float[keras.Config.InputFeatures], Enumerable.Repeat(1f, keras.Config.InputFeatures).ToArray()),
                Model = keras.Config,
                Data = new Dictionary<string, string>
                {
                    ["imported_from"] = $"Keras {keras.KerasVersion} model {source}",
                    ["label_order"] = "alphabetical, as the original's LabelEncoder",
                    ["original_training_features"] = "librosa MFCC 40 + delta + delta-delta + RMS at 22050 Hz, silence trimmed (librosa.effects.trim, top_db 60), "
                        + "zeros padded at the front to 248 frames and values truncated to integers (Keras pad_sequences defaults)",
                    ["original_serving_features"] = "the file's own sample rate (sr=None), no trimming, zeros padded at the end",
                    ["bundle_features"] = "this library's librosa pipeline at 22050 Hz, no trimming, zeros at the end, float values",
                    ["original_split"] = "RAVDESS speech and song, one random 80/20 split (random_state 9), speakers shared, test set also used for early stopping",
                },
            };
            return ModelBundle.Create(manifest, network);
        }
        catch
        {
            network.Dispose();
            throw;
        }
    }

    private static void CheckSignature(string path, string source)
    {
        Span<byte> head = stackalloc byte[8];
        using var stream = File.OpenRead(path);
        if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8 || !head.SequenceEqual(Hdf5Signature))
            throw new KerasImportException(source, "not an HDF5 file (a Keras .h5 model starts with the HDF5 signature).");
    }

    // The parts of the file the import needs: sizes, and every weight by layer.
    private sealed record KerasModel(ModelConfig Config, int InputFrames, string KerasVersion, LayerNames LayerNames, Dictionary<string, Weight[]> Weights);

    // The Keras names of the layers that hold weights, in network order.
    private sealed record LayerNames(string Conv1, string Norm, string Conv2, string Lstm, string Attention, string Dense, string Output);

    private sealed record Weight(string Name, float[] Values, long[] Shape);

    private static KerasModel Read(PureHDF.VOL.Native.NativeFile file, string source)
    {
        if (!file.AttributeExists("model_config"))
            throw new KerasImportException(source, "no model_config attribute: a weights-only file cannot be imported; save the whole model with model.save(\"model.h5\").");
        using var config = JsonDocument.Parse(file.Attribute("model_config").Read<string>());
        var version = file.AttributeExists("keras_version") ? file.Attribute("keras_version").Read<string>() : "unknown";
        var layers = config.RootElement.GetProperty("config").GetProperty("layers").EnumerateArray()
            .Select(l => (Class: l.GetProperty("class_name").GetString() ?? "", Config: l.GetProperty("config")))
            .ToArray();
        var input = layers.FirstOrDefault(l => l.Class == "InputLayer");
        var body = layers.Where(l => l.Class != "InputLayer").ToArray();
        if (!body.Select(l => l.Class).SequenceEqual(ExpectedLayers))
            throw new KerasImportException(source, $"not the original network: layers {string.Join(", ", body.Select(l => l.Class))}; expected {string.Join(", ", ExpectedLayers)}.");

        var problems = new List<string>();
        void Expect(bool ok, string problem)
        {
            if (!ok) problems.Add(problem);
        }
        string? Text(JsonElement c, string name) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        double Number(JsonElement c, string name, double fallback) => c.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : fallback;
        int FirstInt(JsonElement c, string name, int fallback) => !c.TryGetProperty(name, out var v) ? fallback
            : v.ValueKind == JsonValueKind.Array ? v[0].GetInt32() : v.ValueKind == JsonValueKind.Number ? v.GetInt32() : fallback;

        var (conv1, bn, conv2, pool, drop, bidi, dense, output) = (body[0].Config, body[1].Config, body[2].Config, body[3].Config, body[4].Config, body[5].Config, body[7].Config, body[8].Config);
        foreach (var conv in new[] { conv1, conv2 })
        {
            Expect(Text(conv, "activation") == "relu", $"{Text(conv, "name")}: activation {Text(conv, "activation")}, expected relu");
            Expect(Text(conv, "padding") == "valid", $"{Text(conv, "name")}: padding {Text(conv, "padding")}, expected valid");
            Expect(FirstInt(conv, "strides", 1) == 1 && FirstInt(conv, "dilation_rate", 1) == 1, $"{Text(conv, "name")}: strides and dilation must be 1");
        }
        Expect(Text(pool, "padding") is null or "valid", "max pooling padding must be valid");
        Expect(FirstInt(pool, "strides", FirstInt(pool, "pool_size", 2)) == FirstInt(pool, "pool_size", 2), "max pooling stride must equal its size");
        Expect(Text(bidi, "merge_mode") == "concat", $"bidirectional merge_mode {Text(bidi, "merge_mode")}, expected concat");
        if (bidi.TryGetProperty("layer", out var lstm) && lstm.TryGetProperty("config", out var lstmConfig))
        {
            Expect(Text(lstmConfig, "activation") == "tanh" && Text(lstmConfig, "recurrent_activation") == "sigmoid", "the LSTM must use tanh and sigmoid activations");
            Expect(!lstmConfig.TryGetProperty("return_sequences", out var rs) || rs.ValueKind == JsonValueKind.True, "the LSTM must return sequences");
        }
        Expect(Text(dense, "activation") == "relu", $"{Text(dense, "name")}: activation {Text(dense, "activation")}, expected relu");
        Expect(Text(output, "activation") == "softmax", $"{Text(output, "name")}: activation {Text(output, "activation")}, expected softmax");

        var group = file.Group("model_weights");
        var weights = body.Where(l => l.Class is "Conv1D" or "BatchNormalization" or "Bidirectional" or "AttentionLayer" or "Dense")
            .ToDictionary(l => Text(l.Config, "name")!, l => ReadLayer(group, Text(l.Config, "name")!, source));
        Weight W(string layer, string suffix) => weights[layer].FirstOrDefault(w => w.Name.EndsWith(suffix, StringComparison.Ordinal))
            ?? throw new KerasImportException(source, $"layer {layer} has no weight '{suffix}'.");

        var kernel1 = W(Text(conv1, "name")!, "/kernel");
        var recurrent = W(Text(bidi, "name")!, "recurrent_kernel");
        var attentionBias = W(Text(body[6].Config, "name")!, "/attention_bias");
        var denseKernel = W(Text(dense, "name")!, "/kernel");
        var outputKernel = W(Text(output, "name")!, "/kernel");
        var modelConfig = new ModelConfig
        {
            InputFeatures = (int)kernel1.Shape[1],
            ConvChannels = (int)kernel1.Shape[2],
            ConvKernel = (int)kernel1.Shape[0],
            PoolSize = FirstInt(pool, "pool_size", 2),
            Dropout = Number(drop, "rate", 0.3),
            LstmHidden = (int)recurrent.Shape[0],
            DenseUnits = (int)denseKernel.Shape[1],
            NumClasses = (int)outputKernel.Shape[1],
            BatchNormEpsilon = Number(bn, "epsilon", 1e-3),
            // Keras keeps this share of the old average, PyTorch the other; rounded so 0.99 gives exactly 0.01.
            BatchNormMomentum = Math.Round(1 - Number(bn, "momentum", 0.99), 12),
            AttentionBiasFrames = attentionBias.Values.Length > 1 ? attentionBias.Values.Length : null,
        };
        var inputFrames = input.Class is null ? 0
            : input.Config.TryGetProperty("batch_shape", out var shape) && shape.GetArrayLength() == 3 && shape[1].ValueKind == JsonValueKind.Number ? shape[1].GetInt32() : 0;
        if (modelConfig.FixedInputFrames is { } fixedFrames)
        {
            Expect(inputFrames == 0 || inputFrames == fixedFrames, $"input of {inputFrames} frames does not fit {modelConfig.AttentionBiasFrames} attention biases");
            inputFrames = fixedFrames;
        }
        if (problems.Count > 0)
            throw new KerasImportException(source, "not the original network: " + string.Join("; ", problems) + ".");
        try
        {
            modelConfig.Validate();
        }
        catch (ArgumentException e)
        {
            throw new KerasImportException(source, e.Message, e);
        }
        var layerNames = new LayerNames(Text(conv1, "name")!, Text(bn, "name")!, Text(conv2, "name")!, Text(bidi, "name")!,
            Text(body[6].Config, "name")!, Text(dense, "name")!, Text(output, "name")!);
        return new KerasModel(modelConfig, inputFrames > 0 ? inputFrames : 248, version, layerNames, weights);
    }

    private static Weight[] ReadLayer(IH5Group weights, string layer, string source)
    {
        if (!weights.LinkExists(layer))
            throw new KerasImportException(source, $"model_weights has no group for layer {layer}.");
        var group = weights.Group(layer);
        var names = group.Attribute("weight_names").Read<string[]>();
        return names.Select(name =>
        {
            var dataset = group.Dataset(name);
            if (dataset.Type.Class != H5DataTypeClass.FloatingPoint)
                throw new KerasImportException(source, $"weight {name} is not floating point.");
            var shape = dataset.Space.Dimensions.Select(d => (long)d).ToArray();
            var values = dataset.Type.Size == 8 ? dataset.Read<double[]>().Select(v => (float)v).ToArray() : dataset.Read<float[]>();
            return new Weight(name, values, shape);
        }).ToArray();
    }

    private static void CopyWeights(EmotionNet network, KerasModel keras, string source)
    {
        var state = network.state_dict();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        void Set(string key, Tensor value)
        {
            var target = state[key];
            if (!target.shape.SequenceEqual(value.shape))
                throw new KerasImportException(source, $"{key}: the Keras weight has shape [{string.Join(", ", value.shape)}], the network expects [{string.Join(", ", target.shape)}].");
            target.copy_(value);
        }
        Tensor Get(string layer, string suffix, string? part = null)
        {
            var w = keras.Weights[layer].FirstOrDefault(w => w.Name.EndsWith(suffix, StringComparison.Ordinal) && (part is null || w.Name.Contains(part, StringComparison.Ordinal)))
                ?? throw new KerasImportException(source, $"layer {layer} has no weight '{part}{suffix}'.");
            return torch.tensor(w.Values, w.Shape);
        }

        var names = keras.LayerNames;
        // Conv1D kernel [k, in, out] -> [out, in, k].
        Set("conv1.weight", Get(names.Conv1, "/kernel").permute(2, 1, 0));
        Set("conv1.bias", Get(names.Conv1, "/bias"));
        Set("norm.weight", Get(names.Norm, "/gamma"));
        Set("norm.bias", Get(names.Norm, "/beta"));
        Set("norm.running_mean", Get(names.Norm, "/moving_mean"));
        Set("norm.running_var", Get(names.Norm, "/moving_variance"));
        Set("conv2.weight", Get(names.Conv2, "/kernel").permute(2, 1, 0));
        Set("conv2.bias", Get(names.Conv2, "/bias"));
        // Keras LSTM: kernel [in, 4h], recurrent kernel [h, 4h], one bias [4h], gates i, f, c, o (PyTorch's i, f, g, o).
        foreach (var direction in new[] { "forward", "backward" })
        {
            var part = $"/{direction}_";
            Set($"lstm_{direction}.0.weight_ih_l0", Get(names.Lstm, "/kernel", part).t());
            Set($"lstm_{direction}.0.weight_hh_l0", Get(names.Lstm, "/recurrent_kernel", part).t());
            Set($"lstm_{direction}.0.bias_ih_l0", Get(names.Lstm, "/bias", part));
            Set($"lstm_{direction}.0.bias_hh_l0", torch.zeros(4L * keras.Config.LstmHidden));
        }
        Set("attention.weight", Get(names.Attention, "/attention_weight"));
        Set("attention.bias", Get(names.Attention, "/attention_bias").reshape(-1));
        // Dense kernel [in, out] -> [out, in].
        Set("dense.weight", Get(names.Dense, "/kernel").t());
        Set("dense.bias", Get(names.Dense, "/bias"));
        Set("classifier.weight", Get(names.Output, "/kernel").t());
        Set("classifier.bias", Get(names.Output, "/bias"));
    }
}
