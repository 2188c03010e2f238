namespace SpeechEmotion.Data;

/// <summary>Progress of <see cref="ClipFeatureLoader.Load"/>.</summary>
/// <param name="Done">Clips finished (from cache, extracted or failed).</param>
/// <param name="Total">Clips requested.</param>
/// <param name="Extracted">Clips whose features had to be computed (cache misses).</param>
public sealed record FeatureLoadProgress(int Done, int Total, int Extracted);
