using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// The emotion classifier: Conv1D + ReLU, BatchNorm, Conv1D + ReLU, MaxPool, Dropout, BiLSTM over the
/// valid frames, masked attention pooling, Dense + ReLU, Dense (logits). Input <c>[B, T, F]</c> float32 features
/// (already globally normalized) with the number of valid frames per clip <c>[B]</c> int64; output logits
/// <c>[B, NumClasses]</c>. Padding frames never influence the output: they are zeroed on input, the LSTM
/// reads each clip's valid frames only (its backward direction starts at the clip's last valid frame), and
/// attention ignores them. The exception is a network with a per-frame attention bias (imported from the original),
/// which reads a fixed number of frames, padding included, as the original did.
/// </summary>
/// <remarks>
/// The private field names are the checkpoint format (state_dict keys); do not rename them.
/// </remarks>
public sealed class EmotionNet : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Conv1d conv1;
    private readonly BatchNorm1d norm;
    private readonly Conv1d conv2;
    private readonly MaxPool1d pool;
    private readonly Dropout dropout;
    private readonly ModuleList<LSTM> lstm_forward;
    private readonly ModuleList<LSTM> lstm_backward;
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
        pool = nn.MaxPool1d(config.PoolSize);
        dropout = nn.Dropout(config.Dropout);
        // One unidirectional LSTM per direction and layer (Keras Bidirectional's forward_layer/backward_layer):
        // the backward one reads each clip reversed within its valid length, which a single bidirectional
        // LSTM over padded input cannot do, and packed sequences are an order of magnitude slower on the CPU.
        lstm_forward = nn.ModuleList(Enumerable.Range(0, config.LstmLayers)
            .Select(l => nn.LSTM(l == 0 ? config.ConvChannels : lstmOut, config.LstmHidden, batchFirst: true)).ToArray());
        lstm_backward = nn.ModuleList(Enumerable.Range(0, config.LstmLayers)
            .Select(l => nn.LSTM(l == 0 ? config.ConvChannels : lstmOut, config.LstmHidden, batchFirst: true)).ToArray());
        attention = new AttentionPooling(lstmOut, config.AttentionBiasFrames ?? 1);
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
    /// <see cref="ModelConfig.MinimumFrames"/> are zero-padded. With a per-frame attention bias
    /// (<see cref="ModelConfig.AttentionBiasFrames"/>) the input is padded to <see cref="ModelConfig.FixedInputFrames"/>
    /// and every frame counts as valid, as in the original.
    /// </summary>
    public override Tensor forward(Tensor x, Tensor validFrames)
    {
        var (logits, embedding) = ForwardWithEmbedding(x, validFrames);
        embedding.Dispose();
        return logits;
    }

    /// <summary>
    /// <see cref="forward"/> that also returns the clip embedding <c>[B, 2 * LstmHidden]</c>: the attention-pooled LSTM
    /// output the dense head reads (before the head's dropout), for training objectives on it.
    /// </summary>
    public (Tensor Logits, Tensor Embedding) ForwardWithEmbedding(Tensor x, Tensor validFrames)
    {
        if (x.dim() != 3 || x.shape[2] != Config.InputFeatures)
            throw new ArgumentException($"Expected input [batch, frames, {Config.InputFeatures}], got [{string.Join(", ", x.shape)}].", nameof(x));
        if (validFrames.dim() != 1 || validFrames.shape[0] != x.shape[0])
            throw new ArgumentException($"Expected valid frames [{x.shape[0]}], got [{string.Join(", ", validFrames.shape)}].", nameof(validFrames));

        using var scope = torch.NewDisposeScope();
        using var scalars = new HeldScalars();
        if (Config.FixedInputFrames is { } fixedFrames)
        {
            // The original's per-frame attention bias fixes the length, and the original read every frame,
            // padding included: do the same so imported weights give its outputs.
            if (x.shape[1] > fixedFrames)
                throw new ArgumentException($"This network has a per-frame attention bias and takes at most {fixedFrames} frames, got {x.shape[1]}.", nameof(x));
            x = nn.functional.pad(x, [0, 0, 0, fixedFrames - x.shape[1]]);
            validFrames = torch.full([x.shape[0]], scalars.Of((long)fixedFrames), ScalarType.Int64);
        }
        else if (x.shape[1] < Config.MinimumFrames)
            x = nn.functional.pad(x, [0, 0, 0, Config.MinimumFrames - x.shape[1]]);
        var frames = x.shape[1];
        var one = scalars.Of(1L);
        var zero = scalars.Of(0f);
        var valid = validFrames.to(ScalarType.Int64).to(x.device).clamp(one, scalars.Of(frames));

        var frameMask = FrameMask(valid, frames, scalars);
        x = x.masked_fill(frameMask.logical_not().unsqueeze(-1), zero);
        if (Config.PerClipNormalization)
        {
            var mean = x.sum(1, keepdim: true) / valid.to(x.dtype).view(-1, 1, 1);
            x = (x - mean).masked_fill(frameMask.logical_not().unsqueeze(-1), zero);
        }

        // Channels-first [B, C, T] for the convolutions and pooling, time-major [B, T, C] for the LSTMs. Each stage's
        // temporaries go as soon as it is done (autograd keeps what it needs): a batch of 64 long windows holds about
        // 8 MB per activation, and keeping them all to the end of the pass raised a process's peak by tens of MB.
        Tensor h;
        using (var stage = torch.NewDisposeScope())
            h = norm.call(Convolve(x.transpose(1, 2), conv1).relu_()).MoveToOuterDisposeScope();
        using (var stage = torch.NewDisposeScope())
            h = dropout.call(pool.call(Convolve(h, conv2).relu_())).transpose(1, 2).MoveToOuterDisposeScope();

        var pooledFrames = h.shape[1];
        var lost = scalars.Of(2L * (Config.ConvKernel - 1));
        var pooledValid = torch.div(valid - lost, scalars.Of((long)Config.PoolSize), RoundingMode.floor)
            .to(ScalarType.Int64).clamp(one, scalars.Of(pooledFrames));
        var reverse = ReversalIndex(pooledValid, pooledFrames, h.shape[2], scalars);
        var sequence = h;
        for (var layer = 0; layer < Config.LstmLayers; layer++)
        {
            var (forwardOut, _, _) = lstm_forward[layer].call(sequence);
            var (backwardOut, _, _) = lstm_backward[layer].call(sequence.gather(1, reverse));
            sequence = torch.cat([forwardOut, backwardOut.gather(1, reverse.narrow(2, 0, backwardOut.shape[2]))], 2);
            if (layer == 0 && Config.LstmLayers > 1)
                reverse = ReversalIndex(pooledValid, pooledFrames, sequence.shape[2], scalars);
        }

        var embedding = attention.call(sequence, FrameMask(pooledValid, pooledFrames, scalars));
        var hidden = headDropout.call(nn.functional.relu(dense.call(headDropout.call(embedding))));
        return (classifier.call(hidden).MoveToOuterDisposeScope(), embedding.MoveToOuterDisposeScope());
    }

    // oneDNN 3.7 (libtorch 2.10) computes float32 convolutions with a channel count that is not a multiple of
    // its 8- or 16-lane blocks wrongly on some CPUs (seen on AMD Zen 5: errors of the order of the outputs for
    // 121 input channels, exact for 128). Padding the channels with zeros, and the weights to match, keeps the
    // fast oneDNN kernels and gives the same result as the unpadded convolution.
    internal static long ConvolutionChannels(long channels) => (channels + 15) / 16 * 16;

    /// <summary>Valid 1-D convolution of <paramref name="x"/> <c>[B, C, T]</c> by <paramref name="layer"/>, through channels padded to <see cref="ConvolutionChannels"/>.</summary>
    internal static Tensor Convolve(Tensor x, Conv1d layer)
    {
        Tensor weight = layer.weight!;
        var missing = ConvolutionChannels(x.shape[1]) - x.shape[1];
        if (missing > 0)
        {
            x = nn.functional.pad(x, [0, 0, 0, missing]);
            weight = nn.functional.pad(weight, [0, 0, 0, missing]);
        }
        return nn.functional.conv1d(x, weight, layer.bias);
    }

    // Gather index [B, T, width] that reverses each clip's first `valid` frames and leaves the padding in place;
    // applying it twice is the identity.
    private static Tensor ReversalIndex(Tensor valid, long frames, long width, HeldScalars scalars)
    {
        var t = scalars.Arange(frames, valid.device).unsqueeze(0);
        var last = (valid - scalars.Of(1L)).unsqueeze(1);
        return torch.where(t <= last, last - t, t).unsqueeze(2).expand(-1, -1, width);
    }

    private static Tensor FrameMask(Tensor valid, long frames, HeldScalars scalars) =>
        scalars.Arange(frames, valid.device).unsqueeze(0) < valid.unsqueeze(1);

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
        foreach (var (path, p) in lstm_forward.named_parameters().Concat(lstm_backward.named_parameters()))
        {
            var name = path[(path.LastIndexOf('.') + 1)..];
            if (name.StartsWith("weight_ih", StringComparison.Ordinal)) nn.init.xavier_uniform_(p);
            else if (name.StartsWith("weight_hh", StringComparison.Ordinal)) nn.init.orthogonal_(p);
            else
            {
                nn.init.zeros_(p);
                if (name.StartsWith("bias_ih", StringComparison.Ordinal))
                {
                    using var forgetBias = 1.0.ToScalar();
                    p.narrow(0, hidden, hidden).fill_(forgetBias);
                }
            }
        }
    }
}
