namespace SpeechEmotion.Data;

/// <summary>One corpus a model was trained or evaluated on, as recorded in a bundle manifest and in reports.</summary>
public sealed record CorpusSummary
{
    /// <summary>Short corpus name (<c>ravdess</c>, <c>savee</c>, or a manifest's name).</summary>
    public required string Name { get; init; }

    /// <summary>Clips used (after label mapping), all parts together.</summary>
    public required int Clips { get; init; }

    /// <summary>Distinct speakers among them.</summary>
    public required int Speakers { get; init; }

    /// <summary>The corpus's licence as its file-name scheme knows it; null for manifests.</summary>
    public string? Licence { get; init; }

    /// <summary>Clips left out because their emotion has no label in the model's label set, by emotion.</summary>
    public IReadOnlyDictionary<string, int> DroppedByEmotion { get; init; } = new Dictionary<string, int>();
}
