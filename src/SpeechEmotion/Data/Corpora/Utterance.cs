using System.Globalization;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// One RAVDESS recording, described by its file name <c>MM-VC-EE-II-SS-RR-AA.wav</c>: modality,
/// vocal channel, emotion, intensity, statement, repetition, actor.
/// </summary>
/// <param name="Path">Full path of the audio file.</param>
/// <param name="Modality">Modality code (03 = audio-only; the only one that comes as .wav).</param>
/// <param name="Channel">Speech or song.</param>
/// <param name="Emotion">Emotion code 1-8 (1 neutral ... 8 surprised); <see cref="Label"/> = Emotion - 1.</param>
/// <param name="Intensity">1 = normal, 2 = strong (neutral has no strong).</param>
/// <param name="Statement">1 = "Kids are talking by the door", 2 = "Dogs are sitting by the door".</param>
/// <param name="Repetition">1 or 2.</param>
/// <param name="Actor">Actor number 1-24.</param>
public sealed record Utterance(
    string Path,
    int Modality,
    VocalChannel Channel,
    int Emotion,
    int Intensity,
    int Statement,
    int Repetition,
    int Actor)
{
    /// <summary>The audio-only modality code, the one RAVDESS publishes as .wav.</summary>
    public const int AudioOnlyModality = 3;

    /// <summary>File name with extension, unique within RAVDESS; used as the clip id.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>Class index into <see cref="Modeling.EmotionLabels.Ravdess"/>.</summary>
    public int Label => Emotion - 1;

    /// <summary>Gender of the actor: odd actor numbers are male.</summary>
    public Gender Gender => Actor % 2 == 1 ? Gender.Male : Gender.Female;

    /// <summary>The canonical RAVDESS file name for these fields.</summary>
    public static string FormatFileName(int modality, VocalChannel channel, int emotion, int intensity, int statement, int repetition, int actor) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{modality:00}-{(int)channel:00}-{emotion:00}-{intensity:00}-{statement:00}-{repetition:00}-{actor:00}.wav");

    /// <summary>Parses a RAVDESS file name (the directory part of <paramref name="path"/> is ignored).</summary>
    /// <exception cref="FormatException">The name does not follow the scheme; the message says which field is wrong.</exception>
    public static Utterance Parse(string path) =>
        TryParse(path, out var utterance, out var problem)
            ? utterance
            : throw new FormatException($"{System.IO.Path.GetFileName(path)}: {problem}");

    /// <summary>Parses a RAVDESS file name without throwing.</summary>
    /// <param name="path">Path or file name.</param>
    /// <param name="utterance">The parsed utterance when the result is true.</param>
    /// <param name="problem">Why the name is not a RAVDESS name when the result is false (without the name).</param>
    public static bool TryParse(string path, out Utterance utterance, out string problem)
    {
        ArgumentNullException.ThrowIfNull(path);
        utterance = null!;
        var name = System.IO.Path.GetFileName(path);
        if (!name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase))
        {
            problem = "not a .wav file";
            return false;
        }

        var fields = name[..^4].Split('-');
        if (fields.Length != 7)
        {
            problem = $"expected 7 dash-separated two-digit fields MM-VC-EE-II-SS-RR-AA, found {fields.Length}";
            return false;
        }

        string[] names = ["modality", "vocal channel", "emotion", "intensity", "statement", "repetition", "actor"];
        (int Min, int Max)[] ranges = [(1, 3), (1, 2), (1, 8), (1, 2), (1, 2), (1, 2), (1, 24)];
        var values = new int[7];
        for (var i = 0; i < 7; i++)
        {
            var field = fields[i];
            if (field.Length != 2 || !char.IsAsciiDigit(field[0]) || !char.IsAsciiDigit(field[1]))
            {
                problem = $"{names[i]} field '{field}' is not two digits";
                return false;
            }
            values[i] = (field[0] - '0') * 10 + (field[1] - '0');
            if (values[i] < ranges[i].Min || values[i] > ranges[i].Max)
            {
                problem = $"{names[i]} {field} is outside {ranges[i].Min:00}-{ranges[i].Max:00}";
                return false;
            }
        }

        if (values[2] == 1 && values[3] == 2)
        {
            problem = "neutral (emotion 01) has no strong intensity (02)";
            return false;
        }

        utterance = new Utterance(path, values[0], (VocalChannel)values[1], values[2], values[3], values[4], values[5], values[6]);
        problem = "";
        return true;
    }
}
