using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>
/// Corpus-adversarial head (<see cref="TrainingOptions.CorpusAdversarialWeight"/>): Dense + ReLU, Dense over the
/// corpora, reading a clip embedding through a gradient reversal. It learns to name a clip's corpus; the network
/// below it receives that gradient negated and scaled, so it learns to hide the corpus. Used in training only,
/// never stored in a bundle.
/// </summary>
internal sealed class CorpusDiscriminator : nn.Module<Tensor, Tensor>
{
    private const int HiddenUnits = 64;
    private readonly Linear hidden;
    private readonly Linear output;
    private readonly double _reversal;

    public CorpusDiscriminator(long embeddingSize, int corpora, double reversalWeight) : base(nameof(CorpusDiscriminator))
    {
        hidden = nn.Linear(embeddingSize, HiddenUnits);
        output = nn.Linear(HiddenUnits, corpora);
        _reversal = reversalWeight;
        RegisterComponents();
    }

    /// <summary>Corpus logits <c>[B, corpora]</c> of the embeddings <c>[B, E]</c>; the gradient flowing back into them is reversed.</summary>
    public override Tensor forward(Tensor embedding) =>
        output.call(nn.functional.relu(hidden.call(ReverseGradient(embedding, _reversal))));

    /// <summary>
    /// The identity going forward; going backward, the gradient times <c>-weight</c>. Written as
    /// <c>d - w (x - d)</c> with <c>d</c> the detached input: its value is <c>x</c> and its derivative <c>-w</c>.
    /// </summary>
    internal static Tensor ReverseGradient(Tensor x, double weight)
    {
        using var w = weight.ToScalar();
        var detached = x.detach();
        return detached - (x - detached).mul(w);
    }
}
