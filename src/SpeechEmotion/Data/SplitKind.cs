namespace SpeechEmotion.Data;

/// <summary>How the test part of a corpus is chosen.</summary>
public enum SplitKind
{
    /// <summary>One of the four published speaker-independent EmoBox folds (4 test actors each).</summary>
    EmoBox,

    /// <summary>An explicit list of test actors (speaker-independent).</summary>
    Actors,

    /// <summary>A seeded 80/20 split over clips, stratified by emotion; speakers are shared (for comparison only).</summary>
    Random,

    /// <summary>A whole corpus held out (leave-one-corpus-out); validation speakers come from the other corpora.</summary>
    Corpus,

    /// <summary>No test part: every actor trains (validation actors are still held out); for a final model.</summary>
    All,
}
