using System.Globalization;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// The four speaker-independent folds of RAVDESS used by the EmoBox benchmark (4 test actors each), and the
/// namespaced speaker ids of RAVDESS actors.
/// </summary>
public static class EmoBoxFolds
{
    /// <summary>Corpus name of RAVDESS items.</summary>
    public const string Corpus = "ravdess";

    /// <summary>Test actors of the four folds, fold 1 first.</summary>
    public static IReadOnlyList<IReadOnlyList<int>> TestActors { get; } =
    [
        [1, 11, 20, 21],
        [4, 10, 12, 14],
        [8, 9, 19, 23],
        [3, 5, 7, 24],
    ];

    /// <summary>The speaker id of RAVDESS actor <paramref name="actor"/> (<c>ravdess:01</c>).</summary>
    public static string Speaker(int actor) => string.Create(CultureInfo.InvariantCulture, $"{Corpus}:{actor:00}");
}
