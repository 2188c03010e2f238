namespace SpeechEmotion.Interop;

/// <summary>
/// A Keras <c>.h5</c> file cannot be imported: not HDF5, no model config, or a network that is not the original
/// project's (other layers, activations or shapes). The message names the file and the problem.
/// </summary>
public sealed class KerasImportException : Exception
{
    /// <summary>Creates the exception for <paramref name="source"/> (a file name) and the <paramref name="problem"/>.</summary>
    public KerasImportException(string source, string problem, Exception? inner = null)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
    }

    /// <summary>The file that failed to import (its name, not its full path).</summary>
    public new string Source { get; }
}
