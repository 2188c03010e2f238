using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Training;

namespace SpeechEmotion.Tests.Training;

/// <summary>Seeded toy clips whose class shows as a raised band of features, with zero-padded tails.</summary>
internal static class SyntheticCorpus
{
    public static readonly string[] Labels = ["low", "mid", "high"];

    public static List<LabeledClip> Clips(int count, int seed, int frames = 40, int features = 121)
    {
        var random = new Random(seed);
        var clips = new List<LabeledClip>(count);
        for (var i = 0; i < count; i++)
        {
            var label = i % Labels.Length;
            var valid = random.Next(frames * 3 / 4, frames + 1);
            var data = new float[frames * features];
            for (var t = 0; t < valid; t++)
            {
                for (var f = 0; f < features; f++)
                    data[t * features + f] = (float)(random.NextDouble() * 2 - 1);
                for (var f = label * 10; f < label * 10 + 10; f++)
                    data[t * features + f] += 1.5f;
            }
            clips.Add(new LabeledClip($"clip{i:D3}", new FeatureMatrix(data, frames, features), label, valid));
        }
        return clips;
    }

    public static TrainingData Data(int trainCount = 48, int validationCount = 24) =>
        new(Clips(trainCount, seed: 1), Clips(validationCount, seed: 2), Labels, new FeatureOptions());
}
