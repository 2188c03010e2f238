using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// URDU names <c>S{G}{spk}_F{n}_{E}{cnt}.wav</c>, e.g. <c>Angry/SM1_F12_A012.wav</c>: speaker <c>S{G}{spk}</c>
/// (e.g. <c>SM1</c>, <c>SF3</c>), gender <c>M</c>/<c>F</c>, emotion <c>A</c> angry, <c>H</c> happy, <c>N</c> neutral,
/// <c>S</c> sad. When the file sits in an emotion folder (Angry, Happy, Neutral, Sad) the folder must agree.
/// </summary>
public sealed partial class UrduScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.Ordinal)
    {
        ["A"] = EmotionVocabulary.Angry,
        ["H"] = EmotionVocabulary.Happy,
        ["N"] = EmotionVocabulary.Neutral,
        ["S"] = EmotionVocabulary.Sad,
    };

    /// <inheritdoc/>
    public override string Name => "urdu";

    /// <inheritdoc/>
    public override string DisplayName => "URDU";

    /// <inheritdoc/>
    public override string Licence => "research only (\"anyone can use this data only for research purposes\")";

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected S{M|F}{speaker}_F{n}_{E}{count}.wav (e.g. SM1_F12_A012.wav; E one of A, H, N, S)";

    private protected override string CodeOf(Match match) => match.Groups[4].Value;

    private protected override string SpeakerOf(Match match) => $"S{match.Groups[1].Value}{match.Groups[2].Value}";

    private protected override Gender? GenderOf(Match match) => match.Groups[1].Value == "M" ? Gender.Male : Gender.Female;

    [GeneratedRegex(@"^S([MF])(\d+)_F(\d+)_([AHNS])(\d+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
