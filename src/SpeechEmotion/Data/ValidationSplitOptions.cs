namespace SpeechEmotion.Data;

/// <summary>
/// How the validation part (early stopping, learning-rate schedule) is drawn from the TRAINING part;
/// it never comes from the test part.
/// </summary>
public sealed record ValidationSplitOptions
{
    /// <summary>
    /// Whole training speakers held out for validation from each training corpus with at least 10 speakers
    /// (balanced male/female where the corpus tells, chosen by the seed); a corpus with 4-9 speakers gives one,
    /// a smaller one none, in speaker-independent splits.
    /// </summary>
    public int Actors { get; init; } = 2;

    /// <summary>Fraction of training clips, stratified by emotion, held out for validation in a random split.</summary>
    public double Fraction { get; init; } = 0.15;

    /// <summary>Validation speakers taken from a training corpus of <paramref name="speakers"/> speakers.</summary>
    public int SpeakersFrom(int speakers) => speakers >= 10 ? Actors : speakers >= 4 ? 1 : 0;

    /// <summary>Throws <see cref="ArgumentException"/> listing every bad value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Actors < 1 || Actors > 8)
            problems.Add($"actors must be 1-8, got {Actors}");
        if (!(Fraction > 0 && Fraction < 1))
            problems.Add($"fraction must be in (0, 1), got {Fraction}");
        if (problems.Count > 0)
            throw new ArgumentException("validation split: " + string.Join("; ", problems));
    }
}
