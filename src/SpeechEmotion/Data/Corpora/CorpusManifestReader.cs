namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// Reads a CSV manifest that lists clips of any corpus: header <c>path,label,speaker</c> in any order, optional
/// <c>corpus</c> column, other columns ignored. RFC 4180 quoting, UTF-8 with or without BOM, blank lines skipped.
/// </summary>
public static class CorpusManifestReader
{
    private static readonly string[] Required = ["path", "label", "speaker"];

    /// <summary>Reads <paramref name="csvPath"/>. Bad rows never throw: they become problems naming the line.</summary>
    /// <param name="csvPath">The manifest. Relative clip paths are relative to its folder; absolute paths are allowed.</param>
    /// <param name="corpusName">Corpus name for rows without a <c>corpus</c> value; default the manifest's file name
    /// without extension. Lower-cased. A row's own <c>corpus</c> value wins.</param>
    /// <remarks>
    /// Labels go through <see cref="EmotionVocabulary.Normalize"/>; a label that is neither canonical nor an alias is kept
    /// lower-case as written, so a <see cref="LabelSet"/> counts it as dropped instead of it vanishing silently.
    /// Speakers become <c>"&lt;corpus&gt;:&lt;speaker&gt;"</c>; ids <c>"&lt;corpus&gt;/&lt;path relative to the manifest folder&gt;"</c>.
    /// </remarks>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidDataException">The header lacks path, label or speaker, repeats a column, or a quote is not closed.</exception>
    /// <exception cref="ArgumentException">A corpus name is empty or contains '/', ':' or white space.</exception>
    public static CorpusReadResult Read(string csvPath, string? corpusName = null)
    {
        ArgumentNullException.ThrowIfNull(csvPath);
        if (!File.Exists(csvPath))
            throw new FileNotFoundException($"{csvPath}: manifest not found", csvPath);
        var folder = Path.GetDirectoryName(Path.GetFullPath(csvPath))!;
        var defaultCorpus = CorpusNames.Normalize(corpusName ?? Path.GetFileNameWithoutExtension(csvPath), nameof(corpusName));
        var source = Path.GetFileName(csvPath);

        var records = CsvRecords.Parse(File.ReadAllText(csvPath), source).Where(r => !r.IsBlank).ToList();
        if (records.Count == 0)
            throw new InvalidDataException($"{source}: empty manifest; expected a header path,label,speaker");
        var columns = ReadHeader(records[0], source);
        var width = columns.Where(c => Required.Contains(c.Key) || c.Key == "corpus").Max(c => c.Value) + 1;

        var items = new List<CorpusItem>();
        var problems = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var where = $"{source} line {record.Line}";
            if (record.Fields.Count < width)
            {
                problems.Add($"{where}: {record.Fields.Count} field(s), expected at least {width} (columns path, label, speaker); skipped");
                continue;
            }
            string Get(string column) => columns.TryGetValue(column, out var index) && index < record.Fields.Count ? record.Fields[index].Trim() : "";
            var (path, label, speaker, corpusField) = (Get("path"), Get("label"), Get("speaker"), Get("corpus"));
            var empty = Required.Where(c => Get(c).Length == 0).ToArray();
            if (empty.Length > 0)
            {
                problems.Add($"{where}: empty {string.Join(", ", empty)}; skipped");
                continue;
            }
            string corpus;
            try
            {
                corpus = corpusField.Length > 0 ? CorpusNames.Normalize(corpusField, "corpus") : defaultCorpus;
            }
            catch (ArgumentException)
            {
                problems.Add($"{where}: corpus '{corpusField}' must be non-empty without '/', '\\', ':' or spaces; skipped");
                continue;
            }
            var full = Path.GetFullPath(Path.Combine(folder, path));
            if (!File.Exists(full))
            {
                problems.Add($"{where}: {path} not found (relative paths start at {folder}); skipped");
                continue;
            }
            var id = $"{corpus}/{Path.GetRelativePath(folder, full).Replace('\\', '/')}";
            if (ids.TryGetValue(id, out var firstLine))
            {
                problems.Add($"{where}: {path} is already listed on line {firstLine}; skipped");
                continue;
            }
            ids.Add(id, record.Line);
            var emotion = EmotionVocabulary.Normalize(label) ?? label.ToLowerInvariant();
            items.Add(new CorpusItem(id, full, emotion, $"{corpus}:{speaker}", corpus));
        }
        if (items.Count == 0)
            problems.Add($"{source}: no usable rows");
        return new CorpusReadResult(defaultCorpus, csvPath, items, problems);
    }

    private static Dictionary<string, int> ReadHeader(CsvRecords.Record header, string source)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim().ToLowerInvariant();
            if (name.Length == 0)
                continue;
            if (!columns.TryAdd(name, i))
                throw new InvalidDataException($"{source}: header names column '{name}' twice");
        }
        var missing = Required.Where(c => !columns.ContainsKey(c)).ToArray();
        if (missing.Length > 0)
            throw new InvalidDataException(
                $"{source}: header must name the columns path,label,speaker (missing {string.Join(", ", missing)}; found {string.Join(",", header.Fields)})");
        return columns;
    }
}
