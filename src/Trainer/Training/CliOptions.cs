using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using SpeechEmotion.Data;

namespace SpeechEmotion.Trainer.Training;

/// <summary>Options shared by train, evaluate and cv; bad values are usage errors (exit 2) with one clear line.</summary>
internal static class CliOptions
{
    /// <summary>Default corpus folder.</summary>
    public const string DefaultDataDirectory = "data/ravdess";

    public static Option<string[]> Data() => new("--data")
    {
        Description = "A corpus: a folder whose file names follow a known scheme (RAVDESS, SAVEE, TurEV-DB, URDU, TESS, EmoDB, CREMA-D), "
            + "NAME=DIR to name its scheme or the corpus, or a CSV manifest (path,label,speaker). Repeat for several corpora. Default: data/ravdess.",
        DefaultValueFactory = _ => [DefaultDataDirectory],
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<string?> Cache() => new("--cache")
    {
        Description = "Feature cache file, or a folder for features-<hash>.bin. Default: <data>/../cache/.",
    };

    public static Option<int?> Workers() => new("--workers")
    {
        Description = "Threads for feature extraction (default: all cores).",
        Validators = { r => Positive(r, "--workers") },
    };

    public static Option<bool> IncludeSong() => new("--include-song")
    {
        Description = "Also use sung clips (vocal channel 02) when present.",
    };

    public static Option<SplitSpec?> Split(string description) => new("--split")
    {
        Description = description,
        CustomParser = ParseSplit,
    };

    public static Option<string?> Device() => new("--device")
    {
        Description = "auto, cpu, cuda or cuda:N.",
    };

    public static Option<int?> PositiveInt(string name, string description) => new(name)
    {
        Description = description,
        Validators = { r => Positive(r, name) },
    };

    /// <summary>A comma-separated list of integers, e.g. <c>--seeds 1,2,3</c>.</summary>
    public static Option<int[]> IntList(string name, string description, int[] defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = r =>
        {
            var text = r.Tokens.Count == 1 ? r.Tokens[0].Value : "";
            var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var values = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out values[i]))
                {
                    r.AddError($"{name} '{text}': expected comma-separated integers, e.g. 1,2,3");
                    return [];
                }
            }
            if (values.Length == 0)
                r.AddError($"{name}: give at least one value");
            return values;
        },
    };

    /// <summary>The cache file for <paramref name="features"/>: the given file, the given folder + default name, or beside the (first) corpus.</summary>
    public static string CachePath(string? cacheOption, string dataDirectory, Features.FeatureOptions features, FrontEnd.FrontEndOptions? frontEnd = null)
    {
        var name = ClipFeatureLoader.DefaultCacheFileName(features, frontEnd);
        if (cacheOption is null)
        {
            var source = SpeechEmotion.Data.Corpora.DataSource.Parse(dataDirectory).Path;
            if (File.Exists(source)) source = Path.GetDirectoryName(Path.GetFullPath(source))!;
            var parent = Path.GetDirectoryName(Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar)) ?? source;
            return Path.Combine(parent, "cache", name);
        }
        return Directory.Exists(cacheOption) || cacheOption.EndsWith(Path.DirectorySeparatorChar) ? Path.Combine(cacheOption, name) : cacheOption;
    }

    /// <summary>True when the user typed the option (not a default).</summary>
    public static bool IsGiven(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static SplitSpec? ParseSplit(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        try
        {
            return SplitSpec.Parse(text);
        }
        catch (FormatException e)
        {
            result.AddError(e.Message);
            return null;
        }
    }

    private static void Positive(OptionResult result, string name)
    {
        if (result.GetValueOrDefault<int?>() is int value && value <= 0)
            result.AddError($"{name} must be a positive number (got {value}).");
    }
}
