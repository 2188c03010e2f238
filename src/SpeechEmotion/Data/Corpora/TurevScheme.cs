using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// TurEV-DB names <c>{SPK}_{EMO}_{word}.wav</c>, e.g. <c>Angry/1157_kz_acik.wav</c>: speaker = the digits before the
/// first <c>_</c>, emotion <c>kz</c> angry, <c>hl</c> sad, <c>mt</c> happy, <c>sk</c> calm. When the file sits in an
/// emotion folder (Angry, Calm, Happy, Sad) the folder must agree with the code. Gender is not encoded.
/// </summary>
public sealed partial class TurevScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.Ordinal)
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

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected SPK_EMO_word.wav (e.g. 1157_kz_acik.wav; EMO one of kz, hl, mt, sk)";

    private protected override string CodeOf(Match match) => match.Groups[2].Value;

    private protected override string SpeakerOf(Match match) => match.Groups[1].Value;

    [GeneratedRegex(@"^(\d+)_(kz|hl|mt|sk)_(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
