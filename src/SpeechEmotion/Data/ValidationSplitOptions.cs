namespace SpeechEmotion.Data;

/// <summary>
/// How the validation part (early stopping, learning-rate schedule) is drawn from the TRAINING part;
/// it never comes from the test part.
/// </summary>
public sealed record ValidationSplitOptions
{
    /// <summary>Whole training actors held out for validation in speaker-independent splits (balanced male/female, chosen by the seed).</summary>
    public int Actors { get; init; } = 2;

    /// <summary>Fraction of training clips, stratified by emotion, held out for validation in a random split.</summary>
    public double Fraction { get; init; } = 0.15;

    /// <summary>Throws <see cref="ArgumentException"/> listing every bad value.</summary>
    public void Validate()
    {
        var problems = new List<string>();
        if (Actors < 1)
            problems.Add($"actors must be at least 1, got {Actors}");
        if (!(Fraction > 0 && Fraction < 1))
            problems.Add($"fraction must be in (0, 1), got {Fraction}");
        if (problems.Count > 0)
            throw new ArgumentException("validation split: " + string.Join("; ", problems));
    }
}
