namespace SpeechEmotion.Data;

/// <summary>A corpus divided into training, validation (drawn from training speakers or clips) and test parts.</summary>
/// <param name="Spec">How the test part was chosen.</param>
/// <param name="Seed">Seed that chose the validation part.</param>
/// <param name="TestActors">Held-out test actors (empty for a random split).</param>
/// <param name="ValidationActors">Training actors held out for validation (empty for a random split).</param>
/// <param name="Train">Training utterances.</param>
/// <param name="Validation">Validation utterances.</param>
/// <param name="Test">Test utterances.</param>
public sealed record DataSplit(
    SplitSpec Spec,
    int Seed,
    IReadOnlyList<int> TestActors,
    IReadOnlyList<int> ValidationActors,
    IReadOnlyList<Utterance> Train,
    IReadOnlyList<Utterance> Validation,
    IReadOnlyList<Utterance> Test);
