namespace SpeechEmotion.Training;

/// <summary>The order in which an epoch visits the training clips, with optional random oversampling.</summary>
internal static class EpochSampler
{
    /// <summary>
    /// Shuffled clip indices for one epoch. With <paramref name="oversample"/>, each class is topped up with
    /// clips drawn at random (with replacement) from that class until it is as frequent as the largest class
    /// (imbalanced-learn's RandomOverSampler), drawn anew each epoch.
    /// </summary>
    public static long[] Order(IReadOnlyList<int> labels, bool oversample, Random random)
    {
        var order = new List<long>(labels.Count * 2);
        for (var i = 0; i < labels.Count; i++)
            order.Add(i);
        if (oversample)
        {
            var byClass = labels.Select((label, index) => (label, index)).GroupBy(p => p.label)
                .OrderBy(g => g.Key).Select(g => g.Select(p => p.index).ToArray()).ToArray();
            var largest = byClass.Max(g => g.Length);
            foreach (var members in byClass)
            {
                for (var extra = members.Length; extra < largest; extra++)
                    order.Add(members[random.Next(members.Length)]);
            }
        }
        var array = order.ToArray();
        random.Shuffle(array);
        return array;
    }

    /// <summary>
    /// Reorders a shuffled epoch so that each batch holds clips of similar length: the order is cut into pools of
    /// <paramref name="poolBatches"/> batches, each pool is sorted by length and cut into batches, and the batches
    /// of the epoch are shuffled. Batches are padded to their longest clip, so a mix of one-word and
    /// sentence-long corpora trains on far fewer padding frames; the pools keep batches random across the epoch.
    /// </summary>
    public static long[] BucketByLength(long[] order, IReadOnlyList<int> lengths, int batchSize, Random random, int poolBatches = 50)
    {
        var batches = new List<long[]>();
        var pool = batchSize * poolBatches;
        for (var start = 0; start < order.Length; start += pool)
        {
            var members = order.AsSpan(start, Math.Min(pool, order.Length - start)).ToArray();
            Array.Sort(members.Select(i => lengths[(int)i]).ToArray(), members);
            for (var b = 0; b < members.Length; b += batchSize)
                batches.Add(members.AsSpan(b, Math.Min(batchSize, members.Length - b)).ToArray());
        }
        var shuffled = batches.ToArray();
        random.Shuffle(shuffled);
        return shuffled.SelectMany(b => b).ToArray();
    }

    /// <summary>A seed for epoch <paramref name="epoch"/> of a run seeded with <paramref name="seed"/> (SplitMix64 mix), so a resumed run repeats the same draws.</summary>
    public static int EpochSeed(int seed, int epoch)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
