namespace SpeechEmotion.Modeling;

/// <summary>A model bundle that cannot be read or does not fit this library; the message names the file and the problem.</summary>
public sealed class ModelBundleException : IOException
{
    /// <summary>Creates the exception for <paramref name="source"/> (a file name or "stream") and <paramref name="problem"/>.</summary>
    public ModelBundleException(string source, string problem, Exception? inner = null)
        : base($"{Printable(source)}: {Printable(problem)}", inner)
    {
        BundlePath = source;
        Problem = Printable(problem);
    }

    /// <summary>The bundle file (or "stream").</summary>
    public string BundlePath { get; }

    /// <summary>What is wrong, without the file name.</summary>
    public string Problem { get; }

    // Names and messages can carry bytes from a damaged file: never send control characters to a terminal.
    private static string Printable(string text) =>
        string.Create(text.Length, text, (span, t) =>
        {
            for (int i = 0; i < t.Length; i++)
                span[i] = char.IsControl(t[i]) || char.IsSurrogate(t[i]) || t[i] == '\uFFFD' ? '?' : t[i];
        });
}
