using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Features;
using SpeechEmotion.FrontEnd;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Training;

/// <summary>The labelled items of every corpus given with --data, mapped onto the model's labels.</summary>
/// <param name="Items">Items with their class index, all corpora together.</param>
/// <param name="Corpora">Per corpus: clips kept, speakers, licence and clips dropped by the label mapping.</param>
/// <param name="Sources">The data sources as given (<c>NAME=PATH</c> or a path).</param>
/// <param name="Problems">Skipped files and bad manifest rows, one line each.</param>
internal sealed record PreparedData(IReadOnlyList<MappedItem> Items, IReadOnlyList<CorpusSummary> Corpora, IReadOnlyList<string> Sources, IReadOnlyList<string> Problems);

/// <summary>Corpus reading and feature loading with console reporting, shared by train, evaluate and cv.</summary>
internal static class CorpusPreparation
{
    /// <summary>
    /// Reads every data source, maps its emotions onto <paramref name="labels"/> (unmapped emotions are dropped and
    /// counted), prints one line per corpus and its problems; fails with one line when nothing usable is there.
    /// </summary>
    public static PreparedData Load(IReadOnlyList<string> sources, bool includeSong, LabelSet labels, ConsoleUi ui)
    {
        var items = new List<MappedItem>();
        var corpora = new List<CorpusSummary>();
        var problems = new List<string>();
        foreach (var text in sources)
        {
            CorpusReadResult read;
            try
            {
                read = CorpusLoader.Load(DataSource.Parse(text), includeSong);
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException)
            {
                var hint = sources.Count == 1 && text == CliOptions.DefaultDataDirectory ? $"; {RavdessCorpus.DownloadHint}" : "";
                throw new CliException($"{text}: not found{hint}");
            }
            catch (Exception e) when (e is InvalidDataException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                throw new CliException(e.Message + ArchiveHint(DataSource.Parse(text).Path));
            }
            if (corpora.Any(c => c.Name == read.Corpus))
                throw new CliException($"{text}: corpus '{read.Corpus}' is given twice; name one of them with NAME=DIR", CliRunner.UsageError);
            var mapping = labels.Apply(read.Items);
            items.AddRange(mapping.Kept);
            var dropped = mapping.Dropped.ToDictionary(d => d.Emotion, d => d.Count);
            var scheme = FileNameSchemes.TryFind(read.Corpus, out var s) ? s : null;
            corpora.Add(new CorpusSummary
            {
                Name = read.Corpus,
                Clips = mapping.Kept.Count,
                Speakers = mapping.Kept.Select(m => m.Item.Speaker).Distinct().Count(),
                Licence = scheme?.Licence,
                DroppedByEmotion = dropped,
            });
            var droppedText = dropped.Count > 0 ? $"; dropped (no label): {string.Join(", ", dropped.Select(d => $"{d.Key} {d.Value}"))}" : "";
            ui.Line($"Corpus {read.Corpus} ({read.Root}): {mapping.Kept.Count} clips from {corpora[^1].Speakers} speakers{droppedText}");
            problems.AddRange(read.Problems.Select(p => $"{read.Corpus}: {p}"));
        }
        ui.Warnings(problems, RunReportWriter.MarkdownFile);
        if (items.Count == 0)
            throw new CliException($"{string.Join(", ", sources)}: no usable clips ({problems.FirstOrDefault() ?? "no labelled audio found"})");
        return new PreparedData(items, corpora.OrderBy(c => c.Name, StringComparer.Ordinal).ToArray(), sources.ToArray(), problems);
    }

    /// <summary>"; found X.zip: unzip it here" when a folder without usable clips holds an archive.</summary>
    private static string ArchiveHint(string path)
    {
        if (!Directory.Exists(path))
            return "";
        var archives = Directory.EnumerateFiles(path, "*.zip").Select(Path.GetFileName).Take(3).ToArray();
        return archives.Length > 0 ? $" (found {string.Join(", ", archives)}: unzip it here)" : "";
    }

    /// <summary>Features of <paramref name="items"/> through the cache, with a progress display; problems are printed and returned.</summary>
    public static (Dictionary<string, LabeledClip> Clips, IReadOnlyList<string> Problems) LoadFeatures(
        ClipFeatureLoader loader, IReadOnlyList<MappedItem> items, ConsoleUi ui, CancellationToken ct)
    {
        ui.Line($"Feature cache {loader.Cache.Path}");
        var result = Interruptible(() => ui.FeatureProgress("Features", p => loader.Load(items, p, ct)));
        ui.Line($"Features: {result.FromCache} clips from the cache, {result.Extracted} extracted");
        ui.Warnings(result.Problems, RunReportWriter.MarkdownFile);
        if (result.Clips.Count == 0)
            throw new CliException("no clip could be read; see the warnings above");
        return (result.Clips.ToDictionary(c => c.Id, StringComparer.OrdinalIgnoreCase), result.Problems);
    }

    /// <summary>Augmented copies of the training items (none when <see cref="AugmentationOptions.Copies"/> is 0).</summary>
    public static (IReadOnlyList<LabeledClip> Clips, IReadOnlyList<string> Problems) Augment(
        ClipFeatureLoader loader, IReadOnlyList<MappedItem> train, AugmentationOptions augmentation, int seed, ConsoleUi ui, CancellationToken ct)
    {
        if (augmentation.Copies == 0)
            return ([], []);
        var result = Interruptible(() => ui.FeatureProgress($"Augmenting x{augmentation.Copies}", p => loader.LoadAugmented(train, augmentation, seed, p, ct)));
        ui.Line($"Augmentation: {result.Clips.Count} training copies ({result.FromCache} from the cache, {result.Extracted} extracted)");
        ui.Warnings(result.Problems, RunReportWriter.MarkdownFile);
        return (result.Clips, result.Problems);
    }

    /// <summary>The loaded clips of a split's parts (files that could not be read are left out).</summary>
    public static (LabeledClip[] Train, LabeledClip[] Validation, LabeledClip[] Test) Parts(DataSplit split, IReadOnlyDictionary<string, LabeledClip> clips) =>
        (Pick(split.Train, clips), Pick(split.Validation, clips), Pick(split.Test, clips));

    /// <summary>The loaded clips of <paramref name="items"/>, in order (unreadable ones left out).</summary>
    public static LabeledClip[] Pick(IEnumerable<MappedItem> items, IReadOnlyDictionary<string, LabeledClip> clips) =>
        items.Select(m => clips.GetValueOrDefault(m.Item.Id)).OfType<LabeledClip>().ToArray();

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

    /// <summary>A loader for <paramref name="features"/> and <paramref name="frontEnd"/> with the cache at <paramref name="cachePath"/>.</summary>
    public static ClipFeatureLoader Loader(FeatureOptions features, FrontEndOptions? frontEnd, string cachePath, int? workers)
    {
        try
        {
            var loader = new ClipFeatureLoader(features, cachePath, workers, frontEnd);
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
