namespace SpeechEmotion.Data.Corpora;

/// <summary>The known corpus naming schemes and look-up by name.</summary>
public static class FileNameSchemes
{
    /// <summary>The seven schemes in detection-priority order: ravdess (speech only), savee, turev, urdu, tess, emodb, cremad.</summary>
    public static IReadOnlyList<FileNameScheme> All { get; } =
    [
        new RavdessScheme(), new SaveeScheme(), new TurevScheme(), new UrduScheme(),
        new TessScheme(), new EmoDbScheme(), new CremaDScheme(),
    ];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["emo-db"] = "emodb",
        ["berlin"] = "emodb",
        ["crema-d"] = "cremad",
        ["turev-db"] = "turev",
    };

    /// <summary>The names of <see cref="All"/>, comma-separated, for messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(s => s.Name));

    /// <summary>Finds a scheme by name or alias without throwing (case-insensitive; aliases emo-db, berlin, crema-d, turev-db).</summary>
    public static bool TryFind(string name, out FileNameScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(name);
        var key = name.Trim();
        key = Aliases.GetValueOrDefault(key, key);
        scheme = All.FirstOrDefault(s => string.Equals(s.Name, key, StringComparison.OrdinalIgnoreCase))!;
        return scheme is not null;
    }

    /// <summary>Finds a scheme by name or alias (case-insensitive; aliases emo-db, berlin, crema-d, turev-db).</summary>
    /// <exception cref="ArgumentException">No scheme has that name; the message lists the known names.</exception>
    public static FileNameScheme Find(string name) =>
        TryFind(name, out var scheme)
            ? scheme
            : throw new ArgumentException($"unknown corpus naming scheme '{name}'; known: {KnownNames}", nameof(name));
}
