using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Data;

/// <summary>A labelled data set divided into training, validation (drawn from training speakers or clips) and test parts.</summary>
/// <param name="Spec">How the test part was chosen.</param>
/// <param name="Seed">Seed that chose the validation part.</param>
/// <param name="TestSpeakers">Held-out test speakers, namespaced by corpus (<c>ravdess:01</c>); empty for a random split.</param>
/// <param name="ValidationSpeakers">Training speakers held out for validation (empty for a random split).</param>
/// <param name="Train">Training items.</param>
/// <param name="Validation">Validation items.</param>
/// <param name="Test">Test items.</param>
public sealed record DataSplit(
    SplitSpec Spec,
    int Seed,
    IReadOnlyList<string> TestSpeakers,
    IReadOnlyList<string> ValidationSpeakers,
    IReadOnlyList<MappedItem> Train,
    IReadOnlyList<MappedItem> Validation,
    IReadOnlyList<MappedItem> Test);
