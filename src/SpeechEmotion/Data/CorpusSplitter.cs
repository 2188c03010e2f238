namespace SpeechEmotion.Data;

/// <summary>Divides utterances into train / validation / test parts as a <see cref="SplitSpec"/> says, deterministically for a seed.</summary>
public static class CorpusSplitter
{
    /// <summary>Splits <paramref name="utterances"/>.</summary>
    /// <param name="utterances">The corpus (e.g. <see cref="CorpusScan.Utterances"/>).</param>
    /// <param name="spec">Test part.</param>
    /// <param name="seed">Chooses the validation actors or clips.</param>
    /// <param name="validation">Validation settings; defaults to 2 actors / 15 % of clips.</param>
    /// <exception cref="InvalidDataException">The corpus cannot be split that way (test actor absent, too few training actors or clips).</exception>
    public static DataSplit Split(IReadOnlyList<Utterance> utterances, SplitSpec spec, int seed, ValidationSplitOptions? validation = null)
    {
        ArgumentNullException.ThrowIfNull(utterances);
        ArgumentNullException.ThrowIfNull(spec);
        validation ??= new ValidationSplitOptions();
        validation.Validate();
        if (utterances.Count == 0)
            throw new InvalidDataException("cannot split an empty corpus.");
        var ordered = utterances.OrderBy(u => u.Actor).ThenBy(u => u.FileName, StringComparer.Ordinal).ToArray();
        return spec.IsSpeakerIndependent
            ? SplitByActors(ordered, spec, seed, validation.Actors)
            : SplitRandomly(ordered, spec, seed, validation.Fraction);
    }

    private static DataSplit SplitByActors(Utterance[] utterances, SplitSpec spec, int seed, int validationActorCount)
    {
        var present = utterances.Select(u => u.Actor).ToHashSet();
        var absent = spec.TestActors.Where(a => !present.Contains(a)).ToArray();
        if (absent.Length > 0)
            throw new InvalidDataException($"split {spec}: test actor(s) {FormatActors(absent)} have no clips in the corpus.");

        var training = present.Except(spec.TestActors).Order().ToArray();
        if (training.Length <= validationActorCount)
            throw new InvalidDataException(
                $"split {spec}: {training.Length} training actor(s) ({FormatActors(training)}) are too few to hold out {validationActorCount} for validation and still train.");

        var validationActors = PickValidationActors(training, validationActorCount, new Random(seed));
        var test = spec.TestActors.ToHashSet();
        return new DataSplit(spec, seed, spec.TestActors, validationActors,
            utterances.Where(u => !test.Contains(u.Actor) && !validationActors.Contains(u.Actor)).ToArray(),
            utterances.Where(u => validationActors.Contains(u.Actor)).ToArray(),
            utterances.Where(u => test.Contains(u.Actor)).ToArray());
    }

    /// <summary>Alternates genders (starting with a seeded coin flip) so that two validation actors are one male and one female when possible.</summary>
    private static int[] PickValidationActors(int[] training, int count, Random random)
    {
        var queues = training.GroupBy(a => a % 2).Select(g => new Queue<int>(Shuffle(g.ToArray(), random))).ToList();
        if (queues.Count == 2 && random.Next(2) == 1)
            queues.Reverse();
        var picked = new List<int>();
        for (var i = 0; picked.Count < count; i++)
        {
            var queue = queues[i % queues.Count];
            if (queue.Count > 0)
                picked.Add(queue.Dequeue());
        }
        return picked.Order().ToArray();
    }

    private static DataSplit SplitRandomly(Utterance[] utterances, SplitSpec spec, int seed, double validationFraction)
    {
        var (rest, test) = StratifiedTake(utterances, SplitSpec.RandomTestFraction, new Random(spec.RandomSeed!.Value));
        var (train, validation) = StratifiedTake(rest, validationFraction, new Random(seed));
        if (train.Length == 0 || validation.Length == 0 || test.Length == 0)
            throw new InvalidDataException($"split {spec}: {utterances.Length} clips are too few for non-empty train, validation and test parts.");
        return new DataSplit(spec, seed, [], [], train, validation, test);
    }

    /// <summary>Takes round(fraction * n) clips of every emotion, at random; returns (kept, taken), each in corpus order.</summary>
    private static (Utterance[] Kept, Utterance[] Taken) StratifiedTake(Utterance[] utterances, double fraction, Random random)
    {
        var taken = new HashSet<Utterance>(ReferenceEqualityComparer.Instance);
        foreach (var group in utterances.GroupBy(u => u.Emotion).OrderBy(g => g.Key))
        {
            var members = Shuffle(group.ToArray(), random);
            var count = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
            taken.UnionWith(members.Take(count));
        }
        return (utterances.Where(u => !taken.Contains(u)).ToArray(), utterances.Where(taken.Contains).ToArray());
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

    private static string FormatActors(IEnumerable<int> actors) => string.Join(", ", actors.Select(a => a.ToString("00", System.Globalization.CultureInfo.InvariantCulture)));
}
