using System.Text.Json;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Data;

/// <summary>
/// The record of a split kept in a run folder (<c>split.json</c>): which files went to train, validation and
/// test, the split spec and the seed. Lets a resumed run or a later evaluation use exactly the same clips.
/// Files are listed by RAVDESS file name (unique in the corpus), so the corpus may move or be swapped for
/// its resampled copy.
/// </summary>
public sealed record SplitManifest
{
    /// <summary>The manifest format this code writes.</summary>
    public const int CurrentFormatVersion = 1;

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

    /// <summary>Folder the corpus was read from (informational; a run may be resumed on a moved corpus).</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Held-out test actors.</summary>
    public IReadOnlyList<int> TestActors { get; init; } = [];

    /// <summary>Training actors held out for validation.</summary>
    public IReadOnlyList<int> ValidationActors { get; init; } = [];

    /// <summary>Training file names.</summary>
    public IReadOnlyList<string> Train { get; init; } = [];

    /// <summary>Validation file names.</summary>
    public IReadOnlyList<string> Validation { get; init; } = [];

    /// <summary>Test file names.</summary>
    public IReadOnlyList<string> Test { get; init; } = [];

    /// <summary>Describes <paramref name="split"/>.</summary>
    public static SplitManifest FromSplit(DataSplit split, ValidationSplitOptions validationOptions, bool includeSong, string? dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(validationOptions);
        return new SplitManifest
        {
            Split = split.Spec.ToString(),
            Seed = split.Seed,
            IncludeSong = includeSong,
            ValidationOptions = validationOptions,
            DataDirectory = dataDirectory is null ? null : Path.GetFullPath(dataDirectory),
            TestActors = split.TestActors,
            ValidationActors = split.ValidationActors,
            Train = split.Train.Select(u => u.FileName).ToArray(),
            Validation = split.Validation.Select(u => u.FileName).ToArray(),
            Test = split.Test.Select(u => u.FileName).ToArray(),
        };
    }

    /// <summary>Finds the listed files in <paramref name="corpus"/> and rebuilds the split.</summary>
    /// <exception cref="InvalidDataException">Listed files are missing from the corpus (the message names them).</exception>
    public DataSplit Resolve(IReadOnlyList<Utterance> corpus)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        var byName = corpus.ToDictionary(u => u.FileName, StringComparer.OrdinalIgnoreCase);
        var missing = Train.Concat(Validation).Concat(Test).Where(n => !byName.ContainsKey(n)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"split manifest lists {missing.Length} file(s) not in the corpus: {string.Join(", ", missing.Take(5))}{(missing.Length > 5 ? ", ..." : "")}");
        return new DataSplit(SplitSpec.Parse(Split), Seed, TestActors, ValidationActors,
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
