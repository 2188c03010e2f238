using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// One training data source as written on a command line: <c>DIR</c>, <c>NAME=DIR</c>, <c>my.csv</c> or
/// <c>NAME=my.csv</c>. Load it with <see cref="CorpusLoader.Load"/>.
/// </summary>
/// <param name="Name">Scheme or corpus name before '=', or null.</param>
/// <param name="Path">Corpus folder or CSV manifest.</param>
public sealed partial record DataSource(string? Name, string Path)
{
    /// <summary>True when <see cref="Path"/> is a CSV manifest (ends with <c>.csv</c>, any case).</summary>
    public bool IsManifest => Path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Parses <c>NAME=PATH</c> or <c>PATH</c>. The text before the first '=' counts as a name only when it looks like one
    /// (letters, digits, '.', '_', '-'), so paths containing '=' still work.
    /// </summary>
    /// <exception cref="ArgumentException">The text is empty, or the path after <c>NAME=</c> is.</exception>
    public static DataSource Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length == 0)
            throw new ArgumentException("empty data source; expected DIR, NAME=DIR, FILE.csv or NAME=FILE.csv", nameof(text));
        var eq = trimmed.IndexOf('=');
        if (eq > 0 && NamePattern().IsMatch(trimmed[..eq].TrimEnd()))
        {
            var path = trimmed[(eq + 1)..].Trim();
            if (path.Length == 0)
                throw new ArgumentException($"data source '{text}': no path after '='; expected NAME=DIR or NAME=FILE.csv", nameof(text));
            return new DataSource(trimmed[..eq].TrimEnd(), path);
        }
        return new DataSource(null, trimmed);
    }

    /// <inheritdoc/>
    public override string ToString() => Name is null ? Path : $"{Name}={Path}";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
