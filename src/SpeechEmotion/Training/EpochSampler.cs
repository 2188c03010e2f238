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

    /// <summary>A seed for epoch <paramref name="epoch"/> of a run seeded with <paramref name="seed"/> (SplitMix64 mix), so a resumed run repeats the same draws.</summary>
    public static int EpochSeed(int seed, int epoch)
    {
        var z = ((ulong)(uint)seed << 32 | (uint)epoch) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) & 0x7FFFFFFF);
    }
}
