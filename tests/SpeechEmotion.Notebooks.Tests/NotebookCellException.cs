namespace SpeechEmotion.Notebooks.Tests;

/// <summary>A notebook cell failed to compile or threw.</summary>
public sealed class NotebookCellException(string notebook, int cell, string source, Exception inner)
    : Exception($"{notebook}: code cell {cell} failed: {inner.GetType().Name}: {inner.Message}\n--- cell {cell} ---\n{source}", inner)
{
    /// <summary>1-based number of the failing code cell.</summary>
    public int Cell { get; } = cell;
}
