namespace SpeechEmotion.Runtime;

/// <summary>
/// Thrown by <see cref="AtomicFile"/> when the target exists and is not a regular file (a symbolic link, FIFO,
/// device, socket or folder), which an atomic rename would replace. The message names the target.
/// </summary>
public sealed class NotRegularFileException : IOException
{
    /// <summary>Creates the exception with a message that names the target and what it is.</summary>
    public NotRegularFileException(string message) : base(message)
    {
    }
}
