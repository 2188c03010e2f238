using System.Globalization;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Data;

/// <summary>
/// Which clips are held out for testing, written as <c>emobox:K</c> (K = 1-4, RAVDESS actors), <c>actors:01,11,20,21</c>
/// (RAVDESS actors), <c>corpus:NAME</c> (a whole corpus: leave-one-corpus-out), <c>random:SEED</c> or <c>all</c>.
/// <see cref="ToString"/> gives the canonical text, which <see cref="Parse"/> reads back.
/// </summary>
public sealed record SplitSpec
{
    /// <summary>Test actors of the four EmoBox folds of RAVDESS, fold 1 first (<see cref="Corpora.EmoBoxFolds.TestActors"/>).</summary>
    public static IReadOnlyList<IReadOnlyList<int>> EmoBoxFolds => Corpora.EmoBoxFolds.TestActors;

    /// <summary>Fraction of clips in the test part of a random split.</summary>
    public const double RandomTestFraction = 0.2;

    private SplitSpec(SplitKind kind, int? fold, IReadOnlyList<int> testActors, int? randomSeed, string? corpus = null)
    {
        Kind = kind;
        Fold = fold;
        TestActors = testActors;
        RandomSeed = randomSeed;
        Corpus = corpus;
    }

    /// <summary>The kind of split.</summary>
    public SplitKind Kind { get; }

    /// <summary>EmoBox fold number 1-4, for <see cref="SplitKind.EmoBox"/>.</summary>
    public int? Fold { get; }

    /// <summary>Held-out RAVDESS actors, ascending, for <see cref="SplitKind.EmoBox"/> and <see cref="SplitKind.Actors"/>; empty otherwise.</summary>
    public IReadOnlyList<int> TestActors { get; }

    /// <summary>The held-out RAVDESS actors as namespaced speaker ids (<c>ravdess:01</c>).</summary>
    public IReadOnlyList<string> TestSpeakers => TestActors.Select(Corpora.EmoBoxFolds.Speaker).ToArray();

    /// <summary>The held-out corpus, for <see cref="SplitKind.Corpus"/>.</summary>
    public string? Corpus { get; }

    /// <summary>Seed of the clip shuffle, for <see cref="SplitKind.Random"/>.</summary>
    public int? RandomSeed { get; }

    /// <summary>True when test speakers never appear in training (every kind but random).</summary>
    public bool IsSpeakerIndependent => Kind != SplitKind.Random;

    /// <summary>EmoBox fold <paramref name="fold"/> (1-4).</summary>
    public static SplitSpec EmoBox(int fold) =>
        FoldProblem(fold) is { } problem
            ? throw new ArgumentOutOfRangeException(nameof(fold), fold, problem)
            : new SplitSpec(SplitKind.EmoBox, fold, EmoBoxFolds[fold - 1], null);

    /// <summary>Holds out the given actors (1-24, at least one, no duplicates).</summary>
    public static SplitSpec Actors(IEnumerable<int> testActors)
    {
        ArgumentNullException.ThrowIfNull(testActors);
        var actors = testActors.ToArray();
        return ActorsProblem(actors) is { } problem
            ? throw new ArgumentException(problem, nameof(testActors))
            : new SplitSpec(SplitKind.Actors, null, actors.Order().ToArray(), null);
    }

    /// <summary>A seeded, emotion-stratified 80/20 split over clips.</summary>
    public static SplitSpec Random(int seed) => new(SplitKind.Random, null, [], seed);

    /// <summary>Holds out every clip of corpus <paramref name="name"/> (leave-one-corpus-out).</summary>
    public static SplitSpec HoldOutCorpus(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CorpusProblem(name) is { } problem
            ? throw new ArgumentException(problem, nameof(name))
            : new SplitSpec(SplitKind.Corpus, null, [], null, name.Trim().ToLowerInvariant());
    }

    /// <summary>Every actor trains; nothing is held out for testing (a final model; its honest score comes from cross-validation).</summary>
    public static SplitSpec All() => new(SplitKind.All, null, [], null);

    /// <summary>Reads <c>emobox:K</c>, <c>actors:A,B,...</c>, <c>random:SEED</c> or <c>all</c>.</summary>
    /// <exception cref="FormatException">The text is none of these; the message shows the accepted forms.</exception>
    public static SplitSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
            return All();
        var colon = text.IndexOf(':');
        var kind = colon < 0 ? "" : text[..colon].Trim().ToLowerInvariant();
        var value = colon < 0 ? "" : text[(colon + 1)..].Trim();
        if (kind == "corpus")
        {
            return CorpusProblem(value) is { } corpusProblem
                ? throw new FormatException($"split '{text}': {corpusProblem}; expected corpus:NAME, e.g. corpus:savee")
                : HoldOutCorpus(value);
        }
        int[]? numbers = value.Length == 0 ? null : ParseNumbers(value);
        string? problem;
        SplitSpec? spec = null;
        switch (kind)
        {
            case "emobox" when numbers is [var fold]:
                problem = FoldProblem(fold);
                if (problem is null) spec = EmoBox(fold);
                break;
            case "actors" when numbers is not null:
                problem = ActorsProblem(numbers);
                if (problem is null) spec = Actors(numbers);
                break;
            case "random" when numbers is [var seed]:
                problem = null;
                spec = Random(seed);
                break;
            default:
                problem = colon < 0 || kind is not ("emobox" or "actors" or "random") ? "unknown form" : $"bad value '{value}'";
                break;
        }
        return spec ?? throw new FormatException(
            $"split '{text}': {problem}; expected emobox:1-4, actors:01,11,20,21, corpus:NAME, random:SEED or all");
    }

    /// <summary>The canonical text form (<c>emobox:1</c>, <c>actors:01,11</c>, <c>random:9</c>).</summary>
    public override string ToString() => Kind switch
    {
        SplitKind.EmoBox => $"emobox:{Fold}",
        SplitKind.All => "all",
        SplitKind.Corpus => $"corpus:{Corpus}",
        SplitKind.Actors => "actors:" + string.Join(",", TestActors.Select(a => a.ToString("00", CultureInfo.InvariantCulture))),
        _ => string.Create(CultureInfo.InvariantCulture, $"random:{RandomSeed}"),
    };

    /// <summary>Equal when the canonical forms are equal.</summary>
    public bool Equals(SplitSpec? other) => other is not null && ToString() == other.ToString();

    /// <summary>Hash of the canonical form.</summary>
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    private static string? FoldProblem(int fold) =>
        fold >= 1 && fold <= EmoBoxFolds.Count ? null : $"EmoBox fold must be 1-{EmoBoxFolds.Count}, got {fold}";

    private static string? CorpusProblem(string name) =>
        name.Length > 0 && name.Length <= 64 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? null : $"corpus name '{name}' must be 1-64 letters, digits, '-', '_' or '.'";

    private static string? ActorsProblem(int[] actors)
    {
        if (actors.Length == 0)
            return "at least one test actor is needed";
        var bad = actors.Where(a => a < 1 || a > 24).ToArray();
        if (bad.Length > 0)
            return $"actors must be 01-24, got {string.Join(", ", bad)}";
        return actors.Distinct().Count() != actors.Length ? "an actor is listed twice" : null;
    }

    /// <summary>Comma-separated non-negative integers, or null when any part is not one.</summary>
    private static int[]? ParseNumbers(string value)
    {
        var parts = value.Split(',', StringSplitOptions.TrimEntries);
        var numbers = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
                return null;
        return numbers;
    }
}
