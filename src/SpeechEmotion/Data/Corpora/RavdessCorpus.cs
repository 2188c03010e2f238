using System.Globalization;
using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// Finds RAVDESS audio files under a folder (any depth: <c>Actor_NN/</c>, speech and song archives
/// unpacked side by side, 48 kHz originals or resampled copies) and reports what is wrong with it.
/// </summary>
public static partial class RavdessCorpus
{
    /// <summary>Speech clips per actor in the full corpus.</summary>
    public const int SpeechClipsPerActor = 60;

    /// <summary>Where users get the corpus: the Zenodo record of the speech archive.</summary>
    public const string DownloadHint =
        "get RAVDESS speech audio (Audio_Speech_Actors_01-24.zip, Zenodo record 1188976) with scripts/download-ravdess.sh, or pass --data DIR";

    /// <summary>Scans <paramref name="directory"/>. Never throws for bad file names or an incomplete corpus: those become problems.</summary>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    public static CorpusScan Scan(string directory, RavdessScanOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        options ??= new RavdessScanOptions();
        if (!Directory.Exists(directory))
            throw new DirectoryNotFoundException($"{directory}: folder not found; {DownloadHint}");

        var enumeration = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseInsensitive };
        var files = Directory.EnumerateFiles(directory, "*.wav", enumeration).Order(StringComparer.Ordinal).ToList();
        var problems = new List<string>();
        var byName = new Dictionary<string, Utterance>(StringComparer.OrdinalIgnoreCase);
        var skippedSong = 0;

        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(directory, file);
            if (!Utterance.TryParse(file, out var utterance, out var problem))
            {
                problems.Add($"{relative}: not a RAVDESS name ({problem}); skipped");
                continue;
            }
            if (utterance.Modality != Utterance.AudioOnlyModality)
            {
                problems.Add($"{relative}: modality {utterance.Modality:00} is not audio-only (03); skipped");
                continue;
            }
            if (utterance.Channel == VocalChannel.Song && !options.IncludeSong)
            {
                skippedSong++;
                continue;
            }
            if (byName.TryGetValue(utterance.FileName, out var first))
            {
                problems.Add($"{relative}: same name as {Path.GetRelativePath(directory, first.Path)}; skipped");
                continue;
            }
            var folderActor = ActorFolder().Match(Path.GetFileName(Path.GetDirectoryName(file)) ?? "");
            if (folderActor.Success && int.Parse(folderActor.Groups[1].Value, CultureInfo.InvariantCulture) != utterance.Actor)
                problems.Add($"{relative}: in folder {folderActor.Value} but named for actor {utterance.Actor:00}; kept as actor {utterance.Actor:00}");
            byName.Add(utterance.FileName, utterance);
        }

        var utterances = byName.Values.OrderBy(u => u.Actor).ThenBy(u => u.FileName, StringComparer.Ordinal).ToArray();
        if (utterances.Length == 0)
        {
            var archives = Directory.EnumerateFiles(directory, "*.zip", enumeration).Select(Path.GetFileName).ToArray();
            var hint = archives.Length > 0 ? $" (found {string.Join(", ", archives)}: unzip it here)" : "";
            problems.Add($"no usable RAVDESS .wav files under {directory}{hint}");
        }
        else if (options.CheckCompleteness)
        {
            CheckCompleteness(utterances, options.ExpectedActors, problems);
        }
        return new CorpusScan(directory, utterances, problems, skippedSong);
    }

    /// <summary>The 60 speech file names of one actor in the full corpus.</summary>
    public static IEnumerable<string> ExpectedSpeechFileNames(int actor)
    {
        for (var emotion = 1; emotion <= 8; emotion++)
            for (var intensity = 1; intensity <= (emotion == 1 ? 1 : 2); intensity++)
                for (var statement = 1; statement <= 2; statement++)
                    for (var repetition = 1; repetition <= 2; repetition++)
                        yield return Utterance.FormatFileName(Utterance.AudioOnlyModality, VocalChannel.Speech, emotion, intensity, statement, repetition, actor);
    }

    private static void CheckCompleteness(IReadOnlyList<Utterance> utterances, IReadOnlyList<int> expectedActors, List<string> problems)
    {
        var speech = utterances.Where(u => u.Channel == VocalChannel.Speech).ToLookup(u => u.Actor, u => u.FileName);
        var missingActors = expectedActors.Where(a => !speech.Contains(a)).ToArray();
        if (missingActors.Length > 0)
            problems.Add($"missing actors (no speech clips): {string.Join(", ", missingActors.Select(a => a.ToString("00", CultureInfo.InvariantCulture)))}");

        foreach (var group in speech.OrderBy(g => g.Key))
        {
            var present = group.ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = ExpectedSpeechFileNames(group.Key).Where(n => !present.Contains(n)).ToArray();
            if (missing.Length == 0)
                continue;
            const int listed = 6;
            var names = string.Join(", ", missing.Take(listed)) + (missing.Length > listed ? $", ... ({missing.Length - listed} more)" : "");
            problems.Add($"actor {group.Key:00}: {present.Count} of {SpeechClipsPerActor} speech clips; missing {names}");
        }
    }

    [GeneratedRegex(@"^Actor_(\d{1,2})$", RegexOptions.IgnoreCase)]
    private static partial Regex ActorFolder();
}
