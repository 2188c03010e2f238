namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// The canonical emotion names every corpus adapter maps its codes to, and a small alias table for
/// labels written by hand (CSV manifests, folder names).
/// </summary>
public static class EmotionVocabulary
{
    /// <summary>No emotion expressed (RAVDESS 01, SAVEE <c>n</c>, EmoDB <c>N</c>).</summary>
    public const string Neutral = "neutral";

    /// <summary>Calm (RAVDESS 02, TurEV-DB <c>sk</c> "sakin").</summary>
    public const string Calm = "calm";

    /// <summary>Happy / happiness / joy.</summary>
    public const string Happy = "happy";

    /// <summary>Sad / sadness.</summary>
    public const string Sad = "sad";

    /// <summary>Angry / anger.</summary>
    public const string Angry = "angry";

    /// <summary>Fearful / fear.</summary>
    public const string Fearful = "fearful";

    /// <summary>Disgust.</summary>
    public const string Disgust = "disgust";

    /// <summary>Surprised / surprise (TESS "pleasant surprise").</summary>
    public const string Surprised = "surprised";

    /// <summary>Boredom (EmoDB <c>L</c> "Langeweile").</summary>
    public const string Boredom = "boredom";

    /// <summary>Every canonical name: the eight RAVDESS emotions in RAVDESS order, then boredom.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Neutral, Calm, Happy, Sad, Angry, Fearful, Disgust, Surprised, Boredom];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["anger"] = Angry,
        ["happiness"] = Happy,
        ["sadness"] = Sad,
        ["fear"] = Fearful,
        ["surprise"] = Surprised,
        ["ps"] = Surprised,
        ["pleasant_surprise"] = Surprised,
        ["pleasant surprise"] = Surprised,
        ["pleasant_surprised"] = Surprised,
        ["disgusted"] = Disgust,
        ["bored"] = Boredom,
    };

    /// <summary>True when <paramref name="emotion"/> is exactly one of <see cref="All"/> (ordinal, lower-case).</summary>
    public static bool IsCanonical(string emotion) => All.Contains(emotion, StringComparer.Ordinal);

    /// <summary>
    /// The canonical name for <paramref name="label"/>: trimmed, lower-cased, then either a canonical name or a known
    /// alias (anger, happiness, sadness, fear, surprise, ps, pleasant surprise, disgusted, bored). Null when unknown.
    /// </summary>
    public static string? Normalize(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        var key = label.Trim().ToLowerInvariant();
        if (IsCanonical(key))
            return All.First(e => e == key);
        return Aliases.GetValueOrDefault(key);
    }
}
