namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// Reads a corpus folder whose file names carry the labels (one of <see cref="FileNameSchemes.All"/>), at any depth.
/// </summary>
public static class CorpusReader
{
    /// <summary>
    /// Scans <paramref name="directory"/> recursively for <c>*.wav</c> (any case), in ordinal order of the paths, and
    /// parses every name with <paramref name="scheme"/> (detected when null). Never throws for bad names: unparseable
    /// names, emotion folders that disagree with the name and second copies of a file name become problems.
    /// </summary>
    /// <param name="directory">Corpus root.</param>
    /// <param name="scheme">Naming scheme, or null to detect it (see <see cref="Detect"/>).</param>
    /// <param name="corpusName">Corpus name for ids and speakers; default the scheme's <see cref="FileNameScheme.Name"/>. Lower-cased.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">No scheme was given and none matches more than half of the files.</exception>
    /// <exception cref="ArgumentException"><paramref name="corpusName"/> is empty or contains '/', ':' or white space.</exception>
    public static CorpusReadResult Read(string directory, FileNameScheme? scheme = null, string? corpusName = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = ListWavFiles(directory);
        scheme ??= DetectIn(files)
            ?? throw new InvalidDataException(
                $"{directory}: file names match no known scheme ({FileNameSchemes.KnownNames}); pass NAME=DIR or a CSV manifest");
        var corpus = CorpusNames.Normalize(corpusName ?? scheme.Name, nameof(corpusName));

        var items = new List<CorpusItem>();
        var problems = new List<string>();
        var firstByName = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var excluded = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(directory, file).Replace('\\', '/');
            var name = Path.GetFileName(file);
            if (!scheme.TryParse(name, ParentFolder(file), out var parsed, out var problem))
            {
                if (scheme.ExclusionReason(name) is { } reason)
                    excluded[reason] = excluded.GetValueOrDefault(reason) + 1;
                else
                    problems.Add($"{relative}: not a {scheme.DisplayName} name ({problem}); skipped");
                continue;
            }
            if (firstByName.TryGetValue(name, out var first))
            {
                problems.Add($"{relative}: same file name as {first} (a second copy?); skipped");
                continue;
            }
            firstByName.Add(name, relative);
            items.Add(new CorpusItem($"{corpus}/{relative}", Path.GetFullPath(file), parsed.Emotion, $"{corpus}:{parsed.Speaker}", corpus)
            {
                Gender = parsed.Gender,
            });
        }
        foreach (var (reason, count) in excluded)
            problems.Add($"{count} file(s): {reason}");
        if (items.Count == 0)
            problems.Add($"no usable {scheme.DisplayName} .wav files under {directory}");
        return new CorpusReadResult(corpus, directory, items, problems);
    }

    /// <summary>
    /// The scheme that parses the most <c>*.wav</c> names under <paramref name="directory"/> (ties go to the earlier one in
    /// <see cref="FileNameSchemes.All"/>), or null when none parses more than half of them or there are none.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static FileNameScheme? Detect(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        return DetectIn(ListWavFiles(directory));
    }

    private static FileNameScheme? DetectIn(IReadOnlyList<string> files)
    {
        FileNameScheme? best = null;
        var bestCount = 0;
        foreach (var scheme in FileNameSchemes.All)
        {
            var count = 0;
            foreach (var file in files)
            {
                var name = Path.GetFileName(file);
                if (scheme.TryParse(name, ParentFolder(file), out _, out _) || scheme.ExclusionReason(name) is not null)
                    count++;
            }
            if (count > bestCount)
                (best, bestCount) = (scheme, count);
        }
        return bestCount * 2 > files.Count ? best : null;
    }

    private static string? ParentFolder(string file) => Path.GetFileName(Path.GetDirectoryName(file));

    private static List<string> ListWavFiles(string directory)
    {
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: corpus folder not found");
        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        return Directory.EnumerateFiles(directory, "*.wav", enumeration).Order(StringComparer.Ordinal).ToList();
    }
}
