namespace SpeechEmotion.Data.Corpora;

/// <summary>What <see cref="RavdessCorpus.Scan"/> found: the usable utterances and everything wrong with the folder.</summary>
/// <param name="Directory">The scanned folder.</param>
/// <param name="Utterances">Usable utterances, ordered by actor then file name.</param>
/// <param name="Problems">One line per problem (unparseable names, duplicates, missing actors or clips), naming the files.</param>
/// <param name="SkippedSongClips">Song clips found but left out because song was not requested.</param>
public sealed record CorpusScan(
    string Directory,
    IReadOnlyList<Utterance> Utterances,
    IReadOnlyList<string> Problems,
    int SkippedSongClips)
{
    /// <summary>Actors that have at least one usable utterance, ascending.</summary>
    public IReadOnlyList<int> Actors => Utterances.Select(u => u.Actor).Distinct().Order().ToArray();
}
