using SpeechEmotion.Audio;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>Tells the user, once per run, that features will not match librosa's because libsoxr is missing.</summary>
internal static class ResamplerNotice
{
    /// <summary>The note, or null when libsoxr is there or the managed resampler was asked for.</summary>
    internal static string? Text(bool soxrAvailable, string? forcedBackend) =>
        soxrAvailable || string.Equals(forcedBackend?.Trim(), "managed", StringComparison.OrdinalIgnoreCase)
            ? null
            : "note: libsoxr not found; resampling with the managed fallback, so features of clips not at the model's rate " +
              "differ from librosa's by up to ~0.04 (install libsoxr0 for exact ones)";

    /// <summary>Writes the note to standard error when it applies.</summary>
    public static void WriteIfNeeded()
    {
        if (Text(Resampler.SoxrAvailable, Environment.GetEnvironmentVariable(Resampler.EnvironmentVariable)) is { } note)
            Console.Error.WriteLine(note);
    }
}
