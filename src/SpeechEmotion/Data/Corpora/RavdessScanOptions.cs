namespace SpeechEmotion.Data.Corpora;

/// <summary>What <see cref="RavdessCorpus.Scan"/> takes from a folder and what it expects to find there.</summary>
public sealed record RavdessScanOptions
{
    /// <summary>Also use sung clips (vocal channel 02). Default: speech only.</summary>
    public bool IncludeSong { get; init; }

    /// <summary>Actors a complete corpus has (RAVDESS: 1-24); a missing one is reported.</summary>
    public IReadOnlyList<int> ExpectedActors { get; init; } = Enumerable.Range(1, 24).ToArray();

    /// <summary>Whether to report actors with fewer than the 60 speech clips of the full corpus.</summary>
    public bool CheckCompleteness { get; init; } = true;
}
