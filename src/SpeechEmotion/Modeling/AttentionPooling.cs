using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Additive attention pooling over time, as in the original model: <c>e = tanh(x W + b)</c>,
/// <c>a = softmax(e)</c> over the valid frames, output <c>sum_t a_t x_t</c>. By default the bias is a single scalar;
/// the original had one per time step, which ties the network to a fixed length (<see cref="ModelConfig.AttentionBiasFrames"/>).
/// </summary>
internal sealed class AttentionPooling : nn.Module<Tensor, Tensor, Tensor>
{
    private readonly Parameter weight;
    private readonly Parameter bias;

    /// <summary>Creates the layer for <paramref name="features"/>-dimensional frames with <paramref name="biasLength"/> biases (1, or one per frame).</summary>
    public AttentionPooling(long features, long biasLength = 1) : base(nameof(AttentionPooling))
    {
        // Keras RandomNormal() default for W, zeros for b.
        weight = new Parameter(torch.empty(features, 1));
        bias = new Parameter(torch.zeros(biasLength));
        using (torch.no_grad())
            nn.init.normal_(weight, 0, 0.05);
        RegisterComponents();
    }

    /// <summary>Pools <paramref name="x"/> <c>[B, T, D]</c> over the frames where <paramref name="mask"/> <c>[B, T]</c> is true; returns <c>[B, D]</c>.</summary>
    public override Tensor forward(Tensor x, Tensor mask)
    {
        using var scope = torch.NewDisposeScope();
        // Held: see HeldScalars. Tensor + tensor passes TorchSharp's implicit alpha of 1 as such a temporary.
        using var one = 1f.ToScalar();
        using var minusInfinity = float.NegativeInfinity.ToScalar();
        // [B, T] + bias: a scalar, or one per frame (then T equals the bias length).
        var energy = torch.tanh(x.matmul(weight).squeeze(-1).add(bias, one));
        var weights = energy.masked_fill(mask.logical_not(), minusInfinity).softmax(1);
        return (x * weights.unsqueeze(-1)).sum(1).MoveToOuterDisposeScope();
    }
}
