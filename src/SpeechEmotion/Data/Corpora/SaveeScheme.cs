using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// SAVEE names <c>{SPK}_{EMO}{NN}.wav</c>, e.g. <c>DC_a01.wav</c>: speaker = two capital letters (DC, JE, JK, KL),
/// emotion <c>a</c> angry, <c>d</c> disgust, <c>f</c> fearful, <c>h</c> happy, <c>n</c> neutral, <c>sa</c> sad,
/// <c>su</c> surprised; all speakers are male.
/// </summary>
public sealed partial class SaveeScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.Ordinal)
    {
        ["a"] = EmotionVocabulary.Angry,
        ["d"] = EmotionVocabulary.Disgust,
        ["f"] = EmotionVocabulary.Fearful,
        ["h"] = EmotionVocabulary.Happy,
        ["n"] = EmotionVocabulary.Neutral,
        ["sa"] = EmotionVocabulary.Sad,
        ["su"] = EmotionVocabulary.Surprised,
    };

    /// <inheritdoc/>
    public override string Name => "savee";

    /// <inheritdoc/>
    public override string DisplayName => "SAVEE";

    /// <inheritdoc/>
    public override string Licence => "research use (University of Surrey)";

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected SPK_EMONN.wav (e.g. DC_a01.wav; EMO one of a, d, f, h, n, sa, su)";

    private protected override string CodeOf(Match match) => match.Groups[2].Value;

    private protected override string SpeakerOf(Match match) => match.Groups[1].Value;

    private protected override Gender? GenderOf(Match match) => Gender.Male;

    [GeneratedRegex(@"^([A-Z]{2})_(a|d|f|h|n|sa|su)(\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
