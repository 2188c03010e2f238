using SpeechEmotion.Data;
using SpeechEmotion.Features;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Training;

/// <summary>Corpus scan and feature loading with console reporting, shared by train, evaluate and cv.</summary>
internal static class CorpusPreparation
{
    /// <summary>Scans the corpus, prints its size and problems; fails with one line when nothing usable is there.</summary>
    public static CorpusScan Scan(string dataDirectory, bool includeSong, ConsoleUi ui)
    {
        if (!Directory.Exists(dataDirectory))
            throw new CliException($"{dataDirectory}: folder not found; {RavdessCorpus.DownloadHint}");
        var scan = RavdessCorpus.Scan(dataDirectory, new RavdessScanOptions { IncludeSong = includeSong });
        var song = scan.SkippedSongClips > 0 ? $" ({scan.SkippedSongClips} song clips left out; --include-song uses them)" : "";
        ui.Line($"Corpus {dataDirectory}: {scan.Utterances.Count} clips from {scan.Actors.Count} actors{song}");
        ui.Warnings(scan.Problems, RunReportWriter.MarkdownFile);
        if (scan.Utterances.Count == 0)
            throw new CliException($"{dataDirectory}: nothing usable ({scan.Problems.FirstOrDefault()}); {RavdessCorpus.DownloadHint}");
        return scan;
    }

    /// <summary>Features of <paramref name="utterances"/> through the cache, with a progress display; problems are printed and returned.</summary>
    public static (Dictionary<string, LabeledClip> Clips, IReadOnlyList<string> Problems) LoadFeatures(
        ClipFeatureLoader loader, IReadOnlyList<Utterance> utterances, ConsoleUi ui, CancellationToken ct)
    {
        ui.Line($"Feature cache {loader.Cache.Path}");
        var result = Interruptible(() => ui.FeatureProgress("Features", p => loader.Load(utterances, p, ct)));
        ui.Line($"Features: {result.FromCache} clips from the cache, {result.Extracted} extracted");
        ui.Warnings(result.Problems, RunReportWriter.MarkdownFile);
        if (result.Clips.Count == 0)
            throw new CliException("no clip could be read; see the warnings above");
        return (result.Clips.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase), result.Problems);
    }

    /// <summary>Augmented copies of the training utterances (none when <see cref="AugmentationOptions.Copies"/> is 0).</summary>
    public static (IReadOnlyList<LabeledClip> Clips, IReadOnlyList<string> Problems) Augment(
        ClipFeatureLoader loader, IReadOnlyList<Utterance> train, AugmentationOptions augmentation, int seed, ConsoleUi ui, CancellationToken ct)
    {
        if (augmentation.Copies == 0)
            return ([], []);
        var result = Interruptible(() => ui.FeatureProgress($"Augmenting x{augmentation.Copies}", p => loader.LoadAugmented(train, augmentation, seed, p, ct)));
        ui.Line($"Augmentation: {result.Clips.Count} training copies ({result.FromCache} from the cache, {result.Extracted} extracted)");
        ui.Warnings(result.Problems, RunReportWriter.MarkdownFile);
        return (result.Clips, result.Problems);
    }

    /// <summary>The loaded clips of a split's parts (files that could not be read are left out).</summary>
    public static (LabeledClip[] Train, LabeledClip[] Validation, LabeledClip[] Test) Parts(DataSplit split, IReadOnlyDictionary<string, LabeledClip> clips)
    {
        LabeledClip[] Pick(IReadOnlyList<Utterance> part) =>
            part.Select(u => clips.GetValueOrDefault(u.FileName)).OfType<LabeledClip>().ToArray();
        return (Pick(split.Train), Pick(split.Validation), Pick(split.Test));
    }

    /// <summary>Ctrl+C during extraction: what was extracted is already saved in the cache.</summary>
    private static T Interruptible<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (OperationCanceledException)
        {
            throw new CliException("interrupted; the features extracted so far are in the cache", 130);
        }
    }

    /// <summary>A loader for <paramref name="features"/> with the cache at <paramref name="cachePath"/>.</summary>
    public static ClipFeatureLoader Loader(FeatureOptions features, string cachePath, int? workers)
    {
        try
        {
            var loader = new ClipFeatureLoader(features, cachePath, workers);
            if (loader.Cache.IgnoredReason is { } reason)
                Console.Error.WriteLine($"warning: {cachePath} not reused ({reason}); it will be rebuilt");
            return loader;
        }
        catch (ArgumentException e)
        {
            throw new CliException(e.Message);
        }
    }
}
