using Microsoft.CodeAnalysis.Scripting;

namespace SpeechEmotion.Notebooks.Tests;

/// <summary>The outcome of running a notebook: what it displayed and the variables its cells left.</summary>
public sealed class NotebookRun(IReadOnlyList<object?> displayed, ScriptState<object>? state)
{
    /// <summary>Values the cells displayed, in order.</summary>
    public IReadOnlyList<object?> Displayed { get; } = displayed;

    /// <summary>The value of a top-level variable the cells declared.</summary>
    public T Variable<T>(string name)
    {
        var variable = state?.GetVariable(name) ?? throw new KeyNotFoundException($"The notebook declares no variable '{name}'.");
        return Assert.IsAssignableFrom<T>(variable.Value);
    }
}
