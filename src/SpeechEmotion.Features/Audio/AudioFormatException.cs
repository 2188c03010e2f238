namespace SpeechEmotion.Audio;

/// <summary>
/// The audio data could not be decoded: not a supported WAV/AIFF file, a corrupt or hostile header,
/// an unsupported codec, or invalid samples. The message names the file and the problem.
/// </summary>
public sealed class AudioFormatException : Exception
{
    /// <summary>Creates the exception for <paramref name="fileName"/> (or a stream) with the problem found.</summary>
    /// <param name="fileName">File name or a description of the source; null for an anonymous stream.</param>
    /// <param name="problem">What is wrong, in words a user can act on.</param>
    /// <param name="inner">Optional underlying exception.</param>
    public AudioFormatException(string? fileName, string problem, Exception? inner = null)
        : base($"{fileName ?? "<stream>"}: {problem}", inner)
    {
        FileName = fileName;
        Problem = problem;
    }

    /// <summary>The file name or source description, if known.</summary>
    public string? FileName { get; }

    /// <summary>The problem without the file name.</summary>
    public string Problem { get; }
}
