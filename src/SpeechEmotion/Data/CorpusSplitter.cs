using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Data;

/// <summary>
/// Divides labelled items of one or more corpora into train / validation / test parts as a <see cref="SplitSpec"/>
/// says, deterministically for a seed. Speaker-independent splits hold out whole speakers (speaker ids are namespaced
/// by corpus, so two corpora's speaker "01" are different people), for validation as for testing.
/// </summary>
public static class CorpusSplitter
{
    /// <summary>Splits <paramref name="items"/>.</summary>
    /// <param name="items">The labelled items.</param>
    /// <param name="spec">Test part.</param>
    /// <param name="seed">Chooses the validation speakers or clips.</param>
    /// <param name="validation">Validation settings; defaults to 2 speakers per large corpus / 15 % of clips.</param>
    /// <exception cref="InvalidDataException">The data cannot be split that way (test speakers or corpus absent, too few training speakers or clips).</exception>
    public static DataSplit Split(IReadOnlyList<MappedItem> items, SplitSpec spec, int seed, ValidationSplitOptions? validation = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(spec);
        validation ??= new ValidationSplitOptions();
        validation.Validate();
        if (items.Count == 0)
            throw new InvalidDataException("cannot split an empty data set.");
        var ordered = items
            .OrderBy(m => m.Item.Speaker, StringComparer.Ordinal)
            .ThenBy(m => Path.GetFileName(m.Item.Path), StringComparer.Ordinal)
            .ThenBy(m => m.Item.Id, StringComparer.Ordinal)
            .ToArray();
        return spec.IsSpeakerIndependent
            ? SplitBySpeakers(ordered, spec, seed, validation)
            : SplitRandomly(ordered, spec, seed, validation.Fraction);
    }

    /// <summary>The test items of <paramref name="spec"/>; they do not depend on the validation seed.</summary>
    /// <exception cref="InvalidDataException">Test speakers or the test corpus are absent.</exception>
    public static IReadOnlyList<MappedItem> TestPart(IReadOnlyList<MappedItem> items, SplitSpec spec)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(spec);
        if (!spec.IsSpeakerIndependent)
            return Split(items, spec, seed: 0).Test;
        var test = TestSpeakers(items, spec);
        return items.Where(m => test.Contains(m.Item.Speaker)).ToArray();
    }

    private static HashSet<string> TestSpeakers(IReadOnlyList<MappedItem> items, SplitSpec spec)
    {
        var present = items.Select(m => m.Item.Speaker).ToHashSet(StringComparer.Ordinal);
        if (spec.Kind == SplitKind.Corpus)
        {
            var speakers = items.Where(m => string.Equals(m.Item.Corpus, spec.Corpus, StringComparison.OrdinalIgnoreCase))
                .Select(m => m.Item.Speaker).ToHashSet(StringComparer.Ordinal);
            if (speakers.Count == 0)
                throw new InvalidDataException(
                    $"split {spec}: no corpus named '{spec.Corpus}' in the data (corpora: {string.Join(", ", items.Select(m => m.Item.Corpus).Distinct().Order())}).");
            return speakers;
        }
        var absent = spec.TestSpeakers.Where(s => !present.Contains(s)).ToArray();
        if (absent.Length > 0)
            throw new InvalidDataException($"split {spec}: test speaker(s) {string.Join(", ", absent)} have no clips in the data.");
        return spec.TestSpeakers.ToHashSet(StringComparer.Ordinal);
    }

    private static DataSplit SplitBySpeakers(MappedItem[] items, SplitSpec spec, int seed, ValidationSplitOptions options)
    {
        var test = TestSpeakers(items, spec);
        var validation = new List<string>();
        var trainingCorpora = items.Where(m => !test.Contains(m.Item.Speaker)).GroupBy(m => m.Item.Corpus, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        foreach (var corpus in trainingCorpora)
        {
            var speakers = corpus.Select(m => m.Item).DistinctBy(i => i.Speaker).ToArray();
            var count = options.SpeakersFrom(speakers.Length);
            if (count > 0)
                validation.AddRange(PickValidationSpeakers(speakers, count, new Random(seed)));
        }
        var trainingSpeakers = items.Select(m => m.Item.Speaker).Where(s => !test.Contains(s)).Distinct().Count();
        if (validation.Count == 0 || trainingSpeakers - validation.Count < 1)
            throw new InvalidDataException(
                $"split {spec}: {trainingSpeakers} training speaker(s) are too few to hold out whole speakers for validation and still train.");

        var held = validation.ToHashSet(StringComparer.Ordinal);
        return new DataSplit(spec, seed, test.Order(StringComparer.Ordinal).ToArray(), validation.Order(StringComparer.Ordinal).ToArray(),
            items.Where(m => !test.Contains(m.Item.Speaker) && !held.Contains(m.Item.Speaker)).ToArray(),
            items.Where(m => held.Contains(m.Item.Speaker)).ToArray(),
            items.Where(m => test.Contains(m.Item.Speaker)).ToArray());
    }

    /// <summary>Alternates genders (starting with a seeded coin flip) so that two validation speakers are one male and one female when the corpus tells.</summary>
    private static IEnumerable<string> PickValidationSpeakers(CorpusItem[] speakers, int count, Random random)
    {
        var queues = speakers.GroupBy(s => s.Gender).Select(g => new Queue<string>(Shuffle(g.Select(s => s.Speaker).ToArray(), random))).ToList();
        if (queues.Count == 2 && random.Next(2) == 1)
            queues.Reverse();
        var picked = new List<string>();
        for (var i = 0; picked.Count < count; i++)
        {
            var queue = queues[i % queues.Count];
            if (queue.Count > 0)
                picked.Add(queue.Dequeue());
        }
        return picked;
    }

    private static DataSplit SplitRandomly(MappedItem[] items, SplitSpec spec, int seed, double validationFraction)
    {
        var (rest, test) = StratifiedTake(items, SplitSpec.RandomTestFraction, new Random(spec.RandomSeed!.Value));
        var (train, validation) = StratifiedTake(rest, validationFraction, new Random(seed));
        if (train.Length == 0 || validation.Length == 0 || test.Length == 0)
            throw new InvalidDataException($"split {spec}: {items.Length} clips are too few for non-empty train, validation and test parts.");
        return new DataSplit(spec, seed, [], [], train, validation, test);
    }

    /// <summary>Takes round(fraction * n) clips of every label, at random; returns (kept, taken), each in data order.</summary>
    private static (MappedItem[] Kept, MappedItem[] Taken) StratifiedTake(MappedItem[] items, double fraction, Random random)
    {
        var taken = new HashSet<MappedItem>(ReferenceEqualityComparer.Instance);
        foreach (var group in items.GroupBy(m => m.Label).OrderBy(g => g.Key))
        {
            var members = Shuffle(group.ToArray(), random);
            var count = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
            taken.UnionWith(members.Take(count));
        }
        return (items.Where(m => !taken.Contains(m)).ToArray(), items.Where(taken.Contains).ToArray());
    }

    private static T[] Shuffle<T>(T[] items, Random random)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }
}
