using SpeechEmotion.Features;

namespace SpeechEmotion.Modeling;

/// <summary>Rows [<paramref name="Start"/>, <paramref name="Start"/> + <paramref name="Frames"/>) of a clip's raw feature matrix: one model input, not copied.</summary>
/// <param name="Features">The clip's whole feature matrix.</param>
/// <param name="Start">First frame of the window.</param>
/// <param name="Frames">Number of frames (the window's valid frames).</param>
public readonly record struct FeatureWindow(FeatureMatrix Features, int Start, int Frames);
