using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpeechEmotion.Inference;

namespace SpeechEmotion.Trainer.Commands;

/// <summary><c>predict FILE.wav [FILE2.wav ...]</c>: one line (or JSON object) per file; exit 1 if any file failed.</summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files") { Description = "Audio files to predict: WAV, AIFF, MP3 or Ogg Vorbis (told apart by content).", Arity = ArgumentArity.OneOrMore };
        var model = ModelOption();
        var device = DeviceOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array: file, label, confidence, probabilities, duration_seconds (+ timeline)." };
        var timeline = new Option<bool>("--timeline") { Description = "Also predict every model window over the whole clip (sliding window)." };
        var hop = new Option<double>("--hop") { Description = "Timeline hop in seconds (implies --timeline).", DefaultValueFactory = _ => 1.0 };
        hop.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0) r.AddError($"--hop must be a positive number of seconds (got {value}).");
        });

        var command = new Command("predict", "Predict the emotion of audio files (WAV, AIFF, MP3, Ogg Vorbis) with a model bundle (default: the bundled model).")
        {
            files, model, device, json, timeline, hop,
        };
        command.SetAction(parse =>
        {
            Reporting.ResamplerNotice.WriteIfNeeded();
            bool withTimeline = parse.GetValue(timeline) || parse.GetResult(hop) is { Implicit: false };
            using var recognizer = OpenRecognizer(parse.GetValue(model), new RecognizerOptions { Device = parse.GetValue(device)! });
            var inputs = parse.GetValue(files)!.Select(f => (AudioInput)f).ToArray();
            var results = recognizer.PredictBatch(inputs, withTimeline ? parse.GetValue(hop) : null);
            if (parse.GetValue(json)) Console.Out.WriteLine(ToJson(results));
            foreach (var result in results)
            {
                if (result.Error is not null) Console.Error.WriteLine($"error: {result.Error}");
                else if (!parse.GetValue(json)) WriteText(result.Prediction!);
            }
            return results.Any(r => !r.Succeeded) ? CliRunner.Failure : 0;
        });
        return command;
    }

    /// <summary>--model: a bundle file; without it the bundled model.</summary>
    internal static Option<string?> ModelOption() =>
        new("--model", "-m") { Description = "Model bundle (*.semodel). Default: the model bundled with SpeechEmotion." };

    /// <summary>--device: where the model runs.</summary>
    internal static Option<string> DeviceOption() =>
        new("--device") { Description = "cpu, cuda, cuda:N or auto.", DefaultValueFactory = _ => "cpu" };

    /// <summary>Loads <paramref name="bundlePath"/>, or the bundled model when null; failures become one-line errors.</summary>
    internal static EmotionRecognizer OpenRecognizer(string? bundlePath, RecognizerOptions options)
    {
        try
        {
            return bundlePath is null ? EmotionRecognizer.LoadDefault(options) : EmotionRecognizer.Load(bundlePath, options);
        }
        catch (InvalidOperationException e)
        {
            throw new CliException(e.Message);   // no bundled model in this build
        }
    }

    private static void WriteText(EmotionPrediction prediction)
    {
        Console.Out.WriteLine($"{prediction.Source}: {prediction.Label} ({F2(prediction.Confidence)})");
        foreach (var segment in prediction.Timeline ?? [])
        {
            Console.Out.WriteLine($"  {F2(segment.StartSeconds)}-{F2(segment.EndSeconds)} s  {segment.Label} ({F2(segment.Confidence)})");
        }
    }

    /// <summary>A JSON array with one object per file in argument order; a failed file is <c>{ "file", "error" }</c>.</summary>
    private static string ToJson(IReadOnlyList<BatchPrediction> results)
    {
        var array = new JsonArray();
        foreach (var result in results)
        {
            array.Add(result.Prediction is { } p
                ? JsonSerializer.SerializeToNode(p, PredictionJson.Options)
                : new JsonObject { ["file"] = result.Name, ["error"] = result.Error });
        }
        return array.ToJsonString(new JsonSerializerOptions(PredictionJson.Options) { WriteIndented = true });
    }

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
