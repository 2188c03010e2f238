using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// TurEV-DB names <c>{SPK}_{EMO}_{word}.wav</c>, e.g. <c>Angry/1157_kz_acik.wav</c>: speaker = the digits before the
/// first <c>_</c>, emotion <c>kz</c> angry, <c>hl</c> sad, <c>mt</c> happy, <c>sk</c> calm. When the file sits in an
/// emotion folder (Angry, Calm, Happy, Sad) the folder must agree with the code. Gender is not encoded.
/// </summary>
public sealed partial class TurevScheme : FileNameScheme
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.Ordinal)
    {
        ["kz"] = EmotionVocabulary.Angry,
        ["hl"] = EmotionVocabulary.Sad,
        ["mt"] = EmotionVocabulary.Happy,
        ["sk"] = EmotionVocabulary.Calm,
    };

    /// <inheritdoc/>
    public override string Name => "turev";

    /// <inheritdoc/>
    public override string DisplayName => "TurEV-DB";

    /// <inheritdoc/>
    public override string Licence =>
        "CC BY-NC-ND 4.0 per its README (its repository's LICENSE says GPL-3.0; treat as non-commercial, no derivatives)";

    /// <inheritdoc/>
    public override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        parsed = default;
        if (!TryStem(fileName, out var stem, out problem))
            return false;
        var m = Pattern().Match(stem);
        if (!m.Success)
        {
            problem = "expected SPK_EMO_word.wav (e.g. 1157_kz_acik.wav; EMO one of kz, hl, mt, sk)";
            return false;
        }
        var emotion = Codes[m.Groups[2].Value];
        if (!FolderAgrees(parentFolder, emotion, m.Groups[2].Value, out problem))
            return false;
        parsed = new ParsedName(emotion, m.Groups[1].Value, null);
        return true;
    }

    [GeneratedRegex(@"^(\d+)_(kz|hl|mt|sk)_(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
