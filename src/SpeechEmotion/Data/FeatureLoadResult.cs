namespace SpeechEmotion.Data;

/// <summary>The features <see cref="ClipFeatureLoader.Load"/> produced.</summary>
/// <param name="Clips">One clip per readable request, in request order; ids are file names (<c>#augK</c> appended for copy K).</param>
/// <param name="Problems">Unreadable files (left out), byte-identical files (kept) and a cache that could not be saved, one line each.</param>
/// <param name="FromCache">Clips read from the cache.</param>
/// <param name="Extracted">Clips computed now.</param>
public sealed record FeatureLoadResult(IReadOnlyList<LabeledClip> Clips, IReadOnlyList<string> Problems, int FromCache, int Extracted);
