using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// CREMA-D names <c>{actor}_{sentence}_{EMO}_{level}.wav</c>, e.g. <c>1001_DFA_ANG_XX.wav</c>: speaker = 4-digit actor id,
/// emotion ANG angry, DIS disgust, FEA fearful, HAP happy, NEU neutral, SAD sad; level LO, MD, HI, XX (unspecified).
/// Gender is not in the name (it is in CREMA-D's demographics table), so it is left null.
/// </summary>
public sealed partial class CremaDScheme : FileNameScheme
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
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

    /// <inheritdoc/>
    public override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        parsed = default;
        if (!TryStem(fileName, out var stem, out problem))
            return false;
        var m = Pattern().Match(stem);
        if (!m.Success)
        {
            problem = "expected NNNN_SEN_EMO_LVL.wav (e.g. 1001_DFA_ANG_XX.wav; EMO one of ANG, DIS, FEA, HAP, NEU, SAD)";
            return false;
        }
        var emotion = Codes[m.Groups[3].Value];
        if (!FolderAgrees(parentFolder, emotion, m.Groups[3].Value, out problem))
            return false;
        parsed = new ParsedName(emotion, m.Groups[1].Value, null);
        return true;
    }

    [GeneratedRegex(@"^(\d{4})_([A-Z]{3})_(ANG|DIS|FEA|HAP|NEU|SAD)_(LO|MD|HI|XX|X)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
