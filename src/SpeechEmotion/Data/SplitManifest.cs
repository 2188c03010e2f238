using System.Text.Json;
using SpeechEmotion.Data.Corpora;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Data;

/// <summary>
/// The record of a split kept in a run folder (<c>split.json</c>): which files went to train, validation and
/// test, the split spec and the seed. Lets a resumed run or a later evaluation use exactly the same clips.
/// Clips are listed by item id (<c>corpus/relative path</c>), so the corpora may move.
/// </summary>
public sealed record SplitManifest
{
    /// <summary>The manifest format this code writes.</summary>
    public const int CurrentFormatVersion = 2;

    /// <summary>Format version.</summary>
    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Split spec in canonical text form (<c>emobox:1</c>).</summary>
    public required string Split { get; init; }

    /// <summary>Seed that chose the validation part.</summary>
    public required int Seed { get; init; }

    /// <summary>Whether sung clips were part of the corpus.</summary>
    public bool IncludeSong { get; init; }

    /// <summary>Validation settings the split used.</summary>
    public ValidationSplitOptions ValidationOptions { get; init; } = new();

    /// <summary>The data sources (<c>NAME=PATH</c>) the items were read from (informational; a run may be resumed on moved corpora).</summary>
    public IReadOnlyList<string> DataSources { get; init; } = [];

    /// <summary>Held-out test speakers (<c>ravdess:01</c>).</summary>
    public IReadOnlyList<string> TestSpeakers { get; init; } = [];

    /// <summary>Training speakers held out for validation.</summary>
    public IReadOnlyList<string> ValidationSpeakers { get; init; } = [];

    /// <summary>Training item ids.</summary>
    public IReadOnlyList<string> Train { get; init; } = [];

    /// <summary>Validation item ids.</summary>
    public IReadOnlyList<string> Validation { get; init; } = [];

    /// <summary>Test item ids.</summary>
    public IReadOnlyList<string> Test { get; init; } = [];

    /// <summary>Describes <paramref name="split"/>.</summary>
    public static SplitManifest FromSplit(DataSplit split, ValidationSplitOptions validationOptions, bool includeSong, IReadOnlyList<string> dataSources)
    {
        ArgumentNullException.ThrowIfNull(dataSources);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(validationOptions);
        return new SplitManifest
        {
            Split = split.Spec.ToString(),
            Seed = split.Seed,
            IncludeSong = includeSong,
            ValidationOptions = validationOptions,
            DataSources = dataSources,
            TestSpeakers = split.TestSpeakers,
            ValidationSpeakers = split.ValidationSpeakers,
            Train = split.Train.Select(m => m.Item.Id).ToArray(),
            Validation = split.Validation.Select(m => m.Item.Id).ToArray(),
            Test = split.Test.Select(m => m.Item.Id).ToArray(),
        };
    }

    /// <summary>Finds the listed items in <paramref name="items"/> and rebuilds the split.</summary>
    /// <exception cref="InvalidDataException">Listed items are missing from the data (the message names them).</exception>
    public DataSplit Resolve(IReadOnlyList<MappedItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var byName = items.ToDictionary(m => m.Item.Id, StringComparer.OrdinalIgnoreCase);
        var missing = Train.Concat(Validation).Concat(Test).Where(n => !byName.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"split manifest lists {missing.Length} clip(s) not in the data: {string.Join(", ", missing.Take(5))}{(missing.Length > 5 ? ", ..." : "")}");
        return new DataSplit(SplitSpec.Parse(Split), Seed, TestSpeakers, ValidationSpeakers,
            Train.Select(n => byName[n]).ToArray(), Validation.Select(n => byName[n]).ToArray(), Test.Select(n => byName[n]).ToArray());
    }

    /// <summary>Writes the manifest as JSON, atomically.</summary>
    public void Save(string path) => AtomicFile.WriteText(path, JsonSerializer.Serialize(this, DataJson.Options));

    /// <summary>Reads a manifest written by <see cref="Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a valid split manifest of a known version.</exception>
    public static SplitManifest Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        SplitManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<SplitManifest>(File.ReadAllText(path), DataJson.Options);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid split manifest ({e.Message})", e);
        }
        if (manifest is null)
            throw new InvalidDataException($"{path}: empty split manifest");
        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new InvalidDataException($"{path}: split manifest format {manifest.FormatVersion}, this version reads {CurrentFormatVersion}");
        try
        {
            SplitSpec.Parse(manifest.Split);
        }
        catch (FormatException e)
        {
            throw new InvalidDataException($"{path}: {e.Message}", e);
        }
        return manifest;
    }
}
