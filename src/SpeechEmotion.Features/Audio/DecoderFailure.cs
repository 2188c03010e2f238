namespace SpeechEmotion.Audio;

/// <summary>What the third-party decoders throw on damaged data, turned into one-line messages.</summary>
internal static class DecoderFailure
{
    /// <summary>
    /// True for the exceptions a decoder library throws on bad data (InvalidDataException, ArgumentException,
    /// IndexOutOfRangeException, NullReferenceException, EndOfStreamException...); not for our own errors, nor
    /// for running out of memory or a cancellation, which are not format problems.
    /// </summary>
    public static bool IsDecoderFault(Exception e) =>
        e is not (AudioFormatException or OutOfMemoryException or OperationCanceledException or StackOverflowException);

    /// <summary>The exception's message on one line, without .NET's "(Parameter 'x')" suffix.</summary>
    public static string Describe(Exception e)
    {
        string message = e is ArgumentException a && a.ParamName is not null
            ? a.Message.Replace($" (Parameter '{a.ParamName}')", "", StringComparison.Ordinal)
            : e.Message;
        message = string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim().TrimEnd('.', '!');
        return message.Length == 0 ? e.GetType().Name : message;
    }
}
