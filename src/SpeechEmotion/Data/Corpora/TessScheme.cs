using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// TESS (Toronto emotional speech set) names <c>{OAF|YAF}_{word}_{emotion}.wav</c>, any case, e.g.
/// <c>OAF_back_angry.wav</c>: speaker OAF (older) or YAF (younger), both female; emotion angry, disgust,
/// fear (fearful), happy, neutral, ps (pleasant surprise: surprised), sad.
/// </summary>
public sealed partial class TessScheme : PatternScheme
{
    private static readonly Dictionary<string, string> CodeTable = new(StringComparer.OrdinalIgnoreCase)
    {
        ["angry"] = EmotionVocabulary.Angry,
        ["disgust"] = EmotionVocabulary.Disgust,
        ["fear"] = EmotionVocabulary.Fearful,
        ["happy"] = EmotionVocabulary.Happy,
        ["neutral"] = EmotionVocabulary.Neutral,
        ["ps"] = EmotionVocabulary.Surprised,
        ["sad"] = EmotionVocabulary.Sad,
    };

    /// <inheritdoc/>
    public override string Name => "tess";

    /// <inheritdoc/>
    public override string DisplayName => "TESS";

    /// <inheritdoc/>
    public override string Licence => "CC BY-NC-ND 4.0";

    private protected override Regex Pattern => NamePattern();

    private protected override IReadOnlyDictionary<string, string> Codes => CodeTable;

    private protected override string ExpectedForm => "expected OAF|YAF_word_EMOTION.wav (e.g. OAF_back_angry.wav; EMOTION one of angry, disgust, fear, happy, neutral, ps, sad)";

    private protected override string CodeOf(Match match) => match.Groups[3].Value;

    private protected override string SpeakerOf(Match match) => match.Groups[1].Value.ToUpperInvariant();

    private protected override Gender? GenderOf(Match match) => Gender.Female;

    private protected override bool ChecksFolder => false;

    [GeneratedRegex(@"^(OAF|YAF)_(.+)_(angry|disgust|fear|happy|neutral|ps|sad)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
