using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// Berlin EmoDB names <c>{SS}{text}{E}{v}.wav</c>, e.g. <c>03a01Fa.wav</c>: speaker SS (03, 10, 11, 12, 15 male;
/// 08, 09, 13, 14, 16 female), text code a01..b10, emotion (German initials) <c>W</c> angry, <c>L</c> boredom,
/// <c>E</c> disgust, <c>A</c> fearful, <c>F</c> happy, <c>T</c> sad, <c>N</c> neutral, version letter v.
/// </summary>
public sealed partial class EmoDbScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.Ordinal)
    {
        ["W"] = EmotionVocabulary.Angry,
        ["L"] = EmotionVocabulary.Boredom,
        ["E"] = EmotionVocabulary.Disgust,
        ["A"] = EmotionVocabulary.Fearful,
        ["F"] = EmotionVocabulary.Happy,
        ["T"] = EmotionVocabulary.Sad,
        ["N"] = EmotionVocabulary.Neutral,
    };

    private static readonly Dictionary<string, Gender> Speakers = new(StringComparer.Ordinal)
    {
        ["03"] = Gender.Male, ["10"] = Gender.Male, ["11"] = Gender.Male, ["12"] = Gender.Male, ["15"] = Gender.Male,
        ["08"] = Gender.Female, ["09"] = Gender.Female, ["13"] = Gender.Female, ["14"] = Gender.Female, ["16"] = Gender.Female,
    };

    /// <inheritdoc/>
    public override string Name => "emodb";

    /// <inheritdoc/>
    public override string DisplayName => "EmoDB";

    /// <inheritdoc/>
    public override string Licence => "EmoDB (Berlin): free for research use; cite Burkhardt et al. (2005)";

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected SSa01Ev.wav (e.g. 03a01Fa.wav; E one of W, L, E, A, F, T, N)";

    private protected override string CodeOf(Match match) => match.Groups[3].Value;

    private protected override string SpeakerOf(Match match) => match.Groups[1].Value;

    private protected override Gender? GenderOf(Match match) => Speakers[match.Groups[1].Value];

    private protected override string? ProblemWith(Match match) =>
        Speakers.ContainsKey(match.Groups[1].Value) ? null : $"speaker {match.Groups[1].Value} is not an EmoDB speaker (03, 08-16)";

    [GeneratedRegex(@"^(\d\d)([a-b]\d\d)([WLEAFTN])([a-z])$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
