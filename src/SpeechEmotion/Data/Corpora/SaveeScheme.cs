using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// SAVEE names <c>{SPK}_{EMO}{NN}.wav</c>, e.g. <c>DC_a01.wav</c>: speaker = two capital letters (DC, JE, JK, KL),
/// emotion <c>a</c> angry, <c>d</c> disgust, <c>f</c> fearful, <c>h</c> happy, <c>n</c> neutral, <c>sa</c> sad,
/// <c>su</c> surprised; all speakers are male.
/// </summary>
public sealed partial class SaveeScheme : FileNameScheme
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
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

    /// <inheritdoc/>
    public override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        parsed = default;
        if (!TryStem(fileName, out var stem, out problem))
            return false;
        var m = Pattern().Match(stem);
        if (!m.Success)
        {
            problem = "expected SPK_EMONN.wav (e.g. DC_a01.wav; EMO one of a, d, f, h, n, sa, su)";
            return false;
        }
        var emotion = Codes[m.Groups[2].Value];
        if (!FolderAgrees(parentFolder, emotion, m.Groups[2].Value, out problem))
            return false;
        parsed = new ParsedName(emotion, m.Groups[1].Value, Gender.Male);
        return true;
    }

    [GeneratedRegex(@"^([A-Z]{2})_(a|d|f|h|n|sa|su)(\d\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
