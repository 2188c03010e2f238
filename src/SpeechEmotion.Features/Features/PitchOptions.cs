namespace SpeechEmotion.Features;

/// <summary>
/// Settings of the optional pitch columns (<see cref="FeatureOptions.Pitch"/>): a YIN fundamental-frequency track
/// (<c>librosa.yin</c>, frames of <c>n_fft</c> samples every <c>hop_length</c>, so one value per MFCC frame) and how
/// periodic each frame is. Pitch is the prosodic cue MFCCs smooth away, and its movement relative to the speaker's
/// own level does not depend on the voice or the recording.
/// </summary>
public sealed record PitchOptions
{
    /// <summary>Columns appended after RMS: log pitch, log pitch relative to the clip's median, periodicity.</summary>
    public const int Columns = 3;

    /// <summary>Lowest pitch searched, in Hz (<c>fmin</c>).</summary>
    public double FMin { get; init; } = 60;

    /// <summary>Highest pitch searched, in Hz (<c>fmax</c>).</summary>
    public double FMax { get; init; } = 600;

    /// <summary>YIN's absolute threshold: the first dip of the normalized difference below it is the period (<c>trough_threshold</c>).</summary>
    public double TroughThreshold { get; init; } = 0.1;

    /// <summary>A frame counts as voiced when its normalized difference at the chosen period is below this.</summary>
    public double VoicingThreshold { get; init; } = 0.3;

    /// <summary>Lists what is wrong for audio at <paramref name="sampleRate"/> in frames of <paramref name="frameLength"/> samples.</summary>
    public IEnumerable<string> Problems(int sampleRate, int frameLength)
    {
        if (!(double.IsFinite(FMin) && FMin > 0))
            yield return $"pitch.f_min = {FMin}: must be positive";
        else if (!(double.IsFinite(FMax) && FMax > FMin && FMax < sampleRate / 2.0))
            yield return $"pitch.f_max = {FMax}: must be above f_min ({FMin}) and below sample_rate / 2 ({sampleRate / 2.0})";
        else
        {
            // librosa.yin compares a window of half the frame with its copies up to the longest period later.
            var longest = (int)Math.Ceiling(sampleRate / FMin);
            if (longest > frameLength - frameLength / 2 - 1)
                yield return $"pitch.f_min = {FMin}: its period ({longest} samples) must fit in half of n_fft ({frameLength}); raise f_min or n_fft";
            if ((int)Math.Floor(sampleRate / FMax) < 1)
                yield return $"pitch.f_max = {FMax}: its period is shorter than one sample";
        }
        if (!(TroughThreshold > 0 && TroughThreshold < 1))
            yield return $"pitch.trough_threshold = {TroughThreshold}: must be in (0, 1)";
        if (!(VoicingThreshold > 0 && VoicingThreshold <= 1))
            yield return $"pitch.voicing_threshold = {VoicingThreshold}: must be in (0, 1]";
    }
}
