using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// TESS (Toronto emotional speech set) names <c>{OAF|YAF}_{word}_{emotion}.wav</c>, any case, e.g.
/// <c>OAF_back_angry.wav</c>: speaker OAF (older) or YAF (younger), both female; emotion angry, disgust,
/// fear (fearful), happy, neutral, ps (pleasant surprise: surprised), sad.
/// </summary>
public sealed partial class TessScheme : FileNameScheme
{
    private static readonly Dictionary<string, string> Codes = new(StringComparer.OrdinalIgnoreCase)
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

    /// <inheritdoc/>
    public override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        parsed = default;
        if (!TryStem(fileName, out var stem, out problem))
            return false;
        var m = Pattern().Match(stem);
        if (!m.Success)
        {
            problem = "expected OAF|YAF_word_EMOTION.wav (e.g. OAF_back_angry.wav; EMOTION one of angry, disgust, fear, happy, neutral, ps, sad)";
            return false;
        }
        parsed = new ParsedName(Codes[m.Groups[3].Value], m.Groups[1].Value.ToUpperInvariant(), Gender.Female);
        return true;
    }

    [GeneratedRegex(@"^(OAF|YAF)_(.+)_(angry|disgust|fear|happy|neutral|ps|sad)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
