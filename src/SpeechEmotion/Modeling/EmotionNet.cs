using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// The emotion classifier: Conv1D + ReLU, BatchNorm, Conv1D + ReLU, MaxPool, Dropout, BiLSTM over the
/// valid frames, masked attention pooling, Dense + ReLU, Dense (logits). Input <c>[B, T, F]</c> float32 features
/// (already globally normalized) with the number of valid frames per clip <c>[B]</c> int64; output logits
/// <c>[B, NumClasses]</c>. Padding frames never influence the output: they are zeroed on input, the LSTM
/// runs on packed sequences of each clip's valid length, and attention ignores them.
/// </summary>
/// <remarks>
/// The private field names are the checkpoint format (state_dict keys); do not rename them.
/// </remarks>
public sealed class EmotionNet : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Conv1d conv1;
    private readonly BatchNorm1d norm;
    private readonly Conv1d conv2;
    private readonly Dropout dropout;
    private readonly LSTM lstm;
    private readonly AttentionPooling attention;
    private readonly Dropout headDropout;
    private readonly Linear dense;
    private readonly Linear classifier;

    /// <summary>Creates the network with Keras-style initial weights drawn from torch's global generator (seed it for reproducibility).</summary>
    public EmotionNet(ModelConfig config) : base(nameof(EmotionNet))
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        Config = config;
        var lstmOut = 2 * config.LstmHidden;
        conv1 = nn.Conv1d(config.InputFeatures, config.ConvChannels, config.ConvKernel);
        norm = nn.BatchNorm1d(config.ConvChannels, eps: config.BatchNormEpsilon, momentum: config.BatchNormMomentum);
        conv2 = nn.Conv1d(config.ConvChannels, config.ConvChannels, config.ConvKernel);
        dropout = nn.Dropout(config.Dropout);
        lstm = nn.LSTM(config.ConvChannels, config.LstmHidden, numLayers: config.LstmLayers, batchFirst: true, bidirectional: true);
        attention = new AttentionPooling(lstmOut);
        headDropout = nn.Dropout(config.HeadDropout);
        dense = nn.Linear(lstmOut, config.DenseUnits);
        classifier = nn.Linear(config.DenseUnits, config.NumClasses);
        InitializeLikeKeras();
        RegisterComponents();
    }

    /// <summary>The sizes this network was built with.</summary>
    public ModelConfig Config { get; }

    /// <summary>Number of parameters and buffers (BatchNorm running statistics included, as Keras counts them).</summary>
    public long ParameterCount => state_dict().Values.Sum(t => t.numel());

    /// <summary>
    /// Computes logits <c>[B, NumClasses]</c> for <paramref name="x"/> <c>[B, T, InputFeatures]</c> float32 and
    /// <paramref name="validFrames"/> <c>[B]</c> int64 (clamped to [1, T]). Inputs shorter than
    /// <see cref="ModelConfig.MinimumFrames"/> are zero-padded.
    /// </summary>
    public override Tensor forward(Tensor x, Tensor validFrames)
    {
        if (x.dim() != 3 || x.shape[2] != Config.InputFeatures)
            throw new ArgumentException($"Expected input [batch, frames, {Config.InputFeatures}], got [{string.Join(", ", x.shape)}].", nameof(x));
        if (validFrames.dim() != 1 || validFrames.shape[0] != x.shape[0])
            throw new ArgumentException($"Expected valid frames [{x.shape[0]}], got [{string.Join(", ", validFrames.shape)}].", nameof(validFrames));

        using var scope = torch.NewDisposeScope();
        if (x.shape[1] < Config.MinimumFrames)
            x = nn.functional.pad(x, [0, 0, 0, Config.MinimumFrames - x.shape[1]]);
        var frames = x.shape[1];
        var valid = validFrames.to(ScalarType.Int64).to(x.device).clamp(1, frames);

        var frameMask = FrameMask(valid, frames);
        x = x.masked_fill(frameMask.logical_not().unsqueeze(-1), 0);
        if (Config.PerClipNormalization)
        {
            var mean = x.sum(1, keepdim: true) / valid.to(x.dtype).view(-1, 1, 1);
            x = (x - mean).masked_fill(frameMask.logical_not().unsqueeze(-1), 0);
        }

        // Time-major [B, T, C] throughout: convolutions as one matrix product over unfolded frames, BatchNorm over
        // [B*T, C] rows, max-pooling over groups of frames. Same parameters and results as Conv1d/BatchNorm1d/MaxPool1d.
        var h = norm.call(nn.functional.relu(Convolve(x, conv1)).flatten(0, 1)).view(x.shape[0], -1, Config.ConvChannels);
        h = nn.functional.relu(Convolve(h, conv2));
        var poolSize = Config.PoolSize;
        h = h.narrow(1, 0, h.shape[1] / poolSize * poolSize).view(h.shape[0], -1, poolSize, h.shape[2]).amax(2);
        h = dropout.call(h);

        var pooledFrames = h.shape[1];
        var pooledValid = torch.div(valid - 2 * (Config.ConvKernel - 1), Config.PoolSize, RoundingMode.floor).clamp(1, pooledFrames);
        using var packed = nn.utils.rnn.pack_padded_sequence(h, pooledValid.cpu(), batch_first: true, enforce_sorted: false);
        var (packedOut, _, _) = lstm.call(packed);
        var (sequence, _) = nn.utils.rnn.pad_packed_sequence(packedOut, batch_first: true, total_length: pooledFrames);
        packedOut.Dispose();

        var pooled = headDropout.call(attention.call(sequence, FrameMask(pooledValid, pooledFrames)));
        var hidden = headDropout.call(nn.functional.relu(dense.call(pooled)));
        return classifier.call(hidden).MoveToOuterDisposeScope();
    }

    // A valid (unpadded) 1-D convolution of x [B, T, C] by the layer's weight [O, C, k] as one matrix product:
    // the unfolded windows [B, T', C*k] times weight [C*k, O]. It does not go through oneDNN, whose float32
    // convolution returns wrong values on some CPUs (seen with libtorch 2.10 on AMD Zen 5 for inputs above
    // 20480 values, where PyTorch switches to it).
    internal static Tensor Convolve(Tensor x, Conv1d layer)
    {
        var weight = layer.weight!;
        var windows = x.unfold(1, weight.shape[2], 1).flatten(2);
        return torch.addmm(layer.bias!, windows.flatten(0, 1), weight.flatten(1).t(), 1, 1).view(x.shape[0], -1, weight.shape[0]);
    }

    private static Tensor FrameMask(Tensor valid, long frames) =>
        torch.arange(frames, device: valid.device).unsqueeze(0) < valid.unsqueeze(1);

    // Keras defaults: Glorot-uniform kernels, orthogonal recurrent kernels, zero biases with the LSTM
    // forget-gate bias at 1 (unit_forget_bias). PyTorch gate order i, f, g, o matches Keras i, f, c, o.
    private void InitializeLikeKeras()
    {
        using var noGrad = torch.no_grad();
        foreach (var layer in new nn.Module[] { conv1, conv2, dense, classifier })
        {
            foreach (var (name, p) in layer.named_parameters())
            {
                if (name == "weight") nn.init.xavier_uniform_(p);
                else nn.init.zeros_(p);
            }
        }
        var hidden = Config.LstmHidden;
        foreach (var (name, p) in lstm.named_parameters())
        {
            if (name.StartsWith("weight_ih", StringComparison.Ordinal)) nn.init.xavier_uniform_(p);
            else if (name.StartsWith("weight_hh", StringComparison.Ordinal)) nn.init.orthogonal_(p);
            else
            {
                nn.init.zeros_(p);
                if (name.StartsWith("bias_ih", StringComparison.Ordinal))
                    p.narrow(0, hidden, hidden).fill_(1.0);
            }
        }
    }
}
