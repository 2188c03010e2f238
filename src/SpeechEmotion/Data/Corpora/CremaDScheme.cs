using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// CREMA-D names <c>{actor}_{sentence}_{EMO}_{level}.wav</c>, e.g. <c>1001_DFA_ANG_XX.wav</c>: speaker = 4-digit actor id,
/// emotion ANG angry, DIS disgust, FEA fearful, HAP happy, NEU neutral, SAD sad; level LO, MD, HI, XX (unspecified).
/// Gender is not in the name (it is in CREMA-D's demographics table), so it is left null.
/// </summary>
public sealed partial class CremaDScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.Ordinal)
    {
        ["ANG"] = EmotionVocabulary.Angry,
        ["DIS"] = EmotionVocabulary.Disgust,
        ["FEA"] = EmotionVocabulary.Fearful,
        ["HAP"] = EmotionVocabulary.Happy,
        ["NEU"] = EmotionVocabulary.Neutral,
        ["SAD"] = EmotionVocabulary.Sad,
    };

    /// <inheritdoc/>
    public override string Name => "cremad";

    /// <inheritdoc/>
    public override string DisplayName => "CREMA-D";

    /// <inheritdoc/>
    public override string Licence => "ODbL (Open Database License)";

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected NNNN_SEN_EMO_LVL.wav (e.g. 1001_DFA_ANG_XX.wav; EMO one of ANG, DIS, FEA, HAP, NEU, SAD)";

    private protected override string CodeOf(Match match) => match.Groups[3].Value;

    private protected override string SpeakerOf(Match match) => match.Groups[1].Value;

    [GeneratedRegex(@"^(\d{4})_([A-Z]{3})_(ANG|DIS|FEA|HAP|NEU|SAD)_(LO|MD|HI|XX|X)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
