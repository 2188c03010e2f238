namespace SpeechEmotion.FrontEnd;

/// <summary>
/// Scales a clip so that its active frames (within <c>activeRangeDb</c> of the loudest frame) have a given RMS level,
/// so the recording level of a corpus or a microphone does not reach the model. Pauses and room tone do not count:
/// the level is that of the speech.
/// </summary>
public static class LevelNormalizer
{
    /// <summary>The gain in dB that brings the active frames' RMS to <paramref name="targetDbfs"/>, at most <paramref name="maxGainDb"/>; 0 for digital silence.</summary>
    public static double GainDb(ReadOnlySpan<float> samples, double targetDbfs, double activeRangeDb, double maxGainDb, int frameLength = 2048, int hopLength = 512)
    {
        if (samples.Length == 0)
            return 0;
        var energies = SilenceTrimmer.FrameEnergies(samples, frameLength, hopLength);
        var db = SilenceTrimmer.ToDb(energies, frameLength);
        double sum = 0;
        long count = 0;
        for (var t = 0; t < db.Length; t++)
        {
            if (db[t] <= -activeRangeDb)
                continue;
            sum += energies[t];
            count += frameLength;   // zero padding counts as in the frame RMS
        }
        if (count == 0 || sum <= 0)
            return 0;
        var level = 10 * Math.Log10(sum / count);
        return Math.Min(maxGainDb, targetDbfs - level);
    }
}
