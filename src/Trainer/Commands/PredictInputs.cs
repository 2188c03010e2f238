using SpeechEmotion.Audio;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// The clips named on <c>predict</c>'s command line: files, folders (every audio file below, sorted by path) and
/// <c>@LIST</c> files (one path per line, relative to the list's folder; blank lines and <c>#</c> comments skipped;
/// <c>@-</c> reads standard input). Expanded once, so the total is known for progress; the clips themselves are read
/// lazily.
/// </summary>
internal static class PredictInputs
{
    /// <summary>File extensions a folder is scanned for (case-insensitive; files are read by their content).</summary>
    private static readonly IReadOnlySet<string> AudioExtensions = new HashSet<string>(AudioReader.FileExtensions, StringComparer.OrdinalIgnoreCase);

    /// <summary>The paths, in argument order. A missing path stays in the list (its error is reported with the results).</summary>
    /// <exception cref="CliException">A folder holds no audio file, or a list cannot be read.</exception>
    public static List<string> Expand(IEnumerable<string> arguments, TextReader? standardInput = null)
    {
        var paths = new List<string>();
        foreach (var argument in arguments)
        {
            if (argument.Length > 1 && argument[0] == '@')
                paths.AddRange(ReadList(argument[1..], standardInput ?? Console.In));
            else if (Directory.Exists(argument))
            {
                var found = Directory.EnumerateFiles(argument, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
                    .Where(f => AudioExtensions.Contains(Path.GetExtension(f)))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                    throw new CliException($"{argument}: no audio files ({string.Join(", ", AudioExtensions)}) in this folder or below");
                paths.AddRange(found);
            }
            else
                paths.Add(argument);
        }
        return paths;
    }

    private static IEnumerable<string> ReadList(string list, TextReader standardInput)
    {
        string[] lines;
        string baseDirectory;
        if (list == "-")
        {
            lines = standardInput.ReadToEnd().Split('\n');
            baseDirectory = "";
        }
        else
        {
            try
            {
                lines = File.ReadAllLines(list);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(e is FileNotFoundException or DirectoryNotFoundException ? $"{list}: list file not found" : $"{list}: cannot read the list ({e.Message})");
            }
            baseDirectory = Path.GetDirectoryName(list) ?? "";
        }
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            yield return Path.IsPathRooted(line) ? line : Path.Combine(baseDirectory, line);
        }
    }
}
