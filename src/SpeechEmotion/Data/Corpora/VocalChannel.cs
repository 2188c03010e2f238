namespace SpeechEmotion.Data.Corpora;

/// <summary>RAVDESS vocal channel (second field of the file name).</summary>
public enum VocalChannel
{
    /// <summary>Code 01: spoken sentences.</summary>
    Speech = 1,

    /// <summary>Code 02: sung sentences.</summary>
    Song = 2,
}
