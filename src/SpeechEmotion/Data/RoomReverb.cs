namespace SpeechEmotion.Data;

/// <summary>
/// A synthetic room for augmentation: Schroeder's reverberator (four parallel feedback combs, two allpass filters in
/// series), tuned to a reverberation time. Linear in the clip length, unlike convolution with a measured impulse
/// response, and with no data to ship.
/// </summary>
internal static class RoomReverb
{
    // Comb and allpass delays in seconds (Schroeder's mutually prime choices).
    private static readonly double[] CombDelays = [0.0297, 0.0371, 0.0411, 0.0437];
    private static readonly double[] AllpassDelays = [0.005, 0.0017];
    private const double AllpassGain = 0.7;

    /// <summary>Mixes the reverberated signal into <paramref name="samples"/> in place: <c>x + wet * reverb(x)</c>.</summary>
    /// <param name="samples">The clip.</param>
    /// <param name="sampleRate">Its rate in Hz.</param>
    /// <param name="rt60">Reverberation time: seconds for the tail to fall by 60 dB.</param>
    /// <param name="wet">Level of the reverberated part relative to the dry signal.</param>
    public static void Apply(Span<float> samples, int sampleRate, double rt60, double wet)
    {
        var n = samples.Length;
        if (n == 0)
            return;
        var tail = new double[n];
        foreach (var delaySeconds in CombDelays)
        {
            var delay = Math.Max(1, (int)(delaySeconds * sampleRate));
            var feedback = Math.Pow(10, -3 * delaySeconds / rt60);   // -60 dB after rt60 seconds
            var line = new double[n];
            for (var i = 0; i < n; i++)
                line[i] = samples[i] + (i >= delay ? feedback * line[i - delay] : 0);
            for (var i = 0; i < n; i++)
                tail[i] += line[i] / CombDelays.Length;
        }
        foreach (var delaySeconds in AllpassDelays)
        {
            var delay = Math.Max(1, (int)(delaySeconds * sampleRate));
            var output = new double[n];
            for (var i = 0; i < n; i++)
            {
                var delayedIn = i >= delay ? tail[i - delay] : 0;
                var delayedOut = i >= delay ? output[i - delay] : 0;
                output[i] = -AllpassGain * tail[i] + delayedIn + AllpassGain * delayedOut;
            }
            tail = output;
        }
        // The comb sum has a long-term gain of about 1 / (1 - feedback); scale the tail to the dry signal's RMS first.
        double dry = 0, wetPower = 0;
        for (var i = 0; i < n; i++)
        {
            dry += (double)samples[i] * samples[i];
            wetPower += tail[i] * tail[i];
        }
        var scale = wetPower > 0 ? wet * Math.Sqrt(dry / wetPower) : 0;
        for (var i = 0; i < n; i++)
            samples[i] = (float)(samples[i] + scale * tail[i]);
    }
}
