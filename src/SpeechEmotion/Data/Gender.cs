namespace SpeechEmotion.Data;

/// <summary>Speaker gender as RAVDESS encodes it (odd actor numbers are male, even are female).</summary>
public enum Gender
{
    /// <summary>Odd actor numbers.</summary>
    Male,

    /// <summary>Even actor numbers.</summary>
    Female,
}
