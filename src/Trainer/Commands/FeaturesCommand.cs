using System.CommandLine;
using System.Globalization;
using System.Text;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Trainer.Commands;

/// <summary><c>features IN.wav [--out OUT.csv] [--frames all|N]</c>: one clip's feature matrix as CSV.</summary>
internal static class FeaturesCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("input") { Description = "WAV or AIFF file." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "CSV file to write (written atomically); standard output when omitted." };
        var frames = FramesOption();
        var pitch = new Option<bool>("--pitch") { Description = "Add the pitch columns: 121 log pitch (semitones above 55 Hz), 122 the same relative to the clip's median, 123 periodicity." };
        var command = new Command("features", "Print the librosa-compatible feature matrix of one clip as CSV: one row per frame, 121 columns (MFCC 0-39, delta 40-79, delta-delta 80-119, RMS 120), 124 with --pitch.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(frames);
        command.Options.Add(pitch);
        command.SetAction(parse =>
        {
            var file = parse.GetValue(input)!;
            if (!file.Exists)
                throw new CliException($"{file.FullName}: file not found");
            Reporting.ResamplerNotice.WriteIfNeeded();
            var options = new FeatureOptions { MaxFrames = ParseFrames(parse.GetValue(frames)), Pitch = parse.GetValue(pitch) ? new PitchOptions() : null };
            var matrix = new FeatureExtractor(options).ExtractFile(file.FullName);
            string csv = ToCsv(matrix);
            if (parse.GetValue(output) is { } target)
                WriteAtomically(target.FullName, csv);
            else
                Console.Out.Write(csv);
            return 0;
        });
        return command;
    }

    /// <summary><c>--frames all|N</c>: rows in the output; 248 (the model's input) by default.</summary>
    internal static Option<string> FramesOption()
    {
        var option = new Option<string>("--frames")
        {
            Description = "Rows: N pads with zero rows or cuts to N frames; 'all' keeps every frame unpadded.",
            DefaultValueFactory = _ => new FeatureOptions().MaxFrames!.Value.ToString(CultureInfo.InvariantCulture),
            HelpName = "all|N",
        };
        option.Validators.Add(result =>
        {
            string? value = result.GetValueOrDefault<string>();
            if (value != "all" && !(int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0))
                result.AddError($"--frames must be 'all' or a positive whole number, not '{value}'.");
        });
        return option;
    }

    internal static int? ParseFrames(string? value) =>
        value is null or "all" ? null : int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Rows of comma-separated values, invariant culture, shortest round-trip float format.</summary>
    internal static string ToCsv(FeatureMatrix matrix)
    {
        var text = new StringBuilder(matrix.Frames * matrix.Features * 10);
        for (int t = 0; t < matrix.Frames; t++)
        {
            var row = matrix.Row(t);
            for (int c = 0; c < row.Length; c++)
            {
                if (c > 0)
                    text.Append(',');
                text.Append(row[c].ToString("R", CultureInfo.InvariantCulture));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Writes through <see cref="AtomicFile"/>, which never replaces a device, FIFO or link.</summary>
    internal static void WriteAtomically(string path, string content)
    {
        string? directory = Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
            throw new CliException($"{directory}: folder not found");
        AtomicFile.WriteText(path, content, durable: false);
    }
}
