using SpeechEmotion.Audio;

namespace SpeechEmotion.FrontEnd;

/// <summary>What the front end did to a clip.</summary>
/// <param name="Audio">The processed clip.</param>
/// <param name="TrimStart">First kept sample of the input.</param>
/// <param name="TrimEnd">One past the last kept sample of the input.</param>
/// <param name="GainDb">Gain applied by the level normalisation, in dB.</param>
public sealed record FrontEndResult(AudioBuffer Audio, int TrimStart, int TrimEnd, double GainDb);
