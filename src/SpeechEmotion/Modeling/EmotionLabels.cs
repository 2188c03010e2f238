namespace SpeechEmotion.Modeling;

/// <summary>The eight RAVDESS emotions in RAVDESS code order (01 neutral ... 08 surprised).</summary>
public static class EmotionLabels
{
    /// <summary>Label names; index = RAVDESS emotion code - 1.</summary>
    public static IReadOnlyList<string> Ravdess { get; } =
        ["neutral", "calm", "happy", "sad", "angry", "fearful", "disgust", "surprised"];
}
