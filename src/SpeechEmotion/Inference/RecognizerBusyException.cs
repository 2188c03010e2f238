namespace SpeechEmotion.Inference;

/// <summary>
/// The recognizer's queue of model windows is full (<see cref="RecognizerOptions.MaxQueuedWindows"/>): the request was
/// not taken. Retry later; a server answers 503 with Retry-After.
/// </summary>
public sealed class RecognizerBusyException : Exception
{
    /// <summary>Creates the exception for a queue holding <paramref name="waiting"/> of <paramref name="capacity"/> windows.</summary>
    public RecognizerBusyException(int waiting, int capacity)
        : base($"the recognizer is busy: {waiting} model windows are waiting (at most {capacity}); retry shortly")
    {
        Waiting = waiting;
        Capacity = capacity;
    }

    /// <summary>Windows that were waiting.</summary>
    public int Waiting { get; }

    /// <summary>The queue's capacity in windows.</summary>
    public int Capacity { get; }
}
