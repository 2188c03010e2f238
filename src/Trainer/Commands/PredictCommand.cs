using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SpeechEmotion.Inference;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>predict FILES|DIRS|@LIST ...</c>: streams the clips through the recognizer's pipeline and prints each result as
/// soon as it is ready, in input order: a text line, a JSON array element (<c>--json</c>) or a JSON line
/// (<c>--jsonl</c>). A progress bar runs on the terminal (stdout, or stderr when stdout is redirected). Exit 1 if any
/// clip failed.
/// </summary>
internal static class PredictCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("inputs")
        {
            Description = "Audio files (WAV, AIFF, MP3 or Ogg Vorbis, told apart by content), folders (every audio file below them) " +
                          "or @LIST files (one path per line; @- reads stdin).",
            Arity = ArgumentArity.OneOrMore,
        };
        var model = ModelOption();
        var device = DeviceOption();
        var json = new Option<bool>("--json") { Description = "Print a JSON array: file, label, confidence, probabilities, duration_seconds (+ timeline)." };
        var jsonLines = new Option<bool>("--jsonl") { Description = "Print one JSON object per line (JSON Lines), for pipelines." };
        var timeline = new Option<bool>("--timeline") { Description = "Also predict every model window over the whole clip (sliding window)." };
        var hop = new Option<double>("--hop") { Description = "Timeline hop in seconds (implies --timeline).", DefaultValueFactory = _ => 1.0 };
        var progress = new Option<bool>("--no-progress") { Description = "No progress bar, even on a terminal." };
        var threads = new Option<int?>("--threads") { Description = "LibTorch threads for the forward passes (default: LibTorch's choice, one per core)." };
        var featureThreads = new Option<int?>("--feature-threads") { Description = "Threads that decode and compute features while the network runs (default: one per core)." };
        foreach (var option in new[] { threads, featureThreads })
            option.Validators.Add(r => { if (r.GetValueOrDefault<int?>() is < 1 or > 256) r.AddError($"{r.Option.Name} must be between 1 and 256."); });
        hop.Validators.Add(r =>
        {
            double value = r.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value <= 0) r.AddError($"--hop must be a positive number of seconds (got {value}).");
        });

        var command = new Command("predict", "Predict the emotion of audio files (WAV, AIFF, MP3, Ogg Vorbis) with a model bundle (default: the bundled model).")
        {
            files, model, device, json, jsonLines, timeline, hop, progress, threads, featureThreads,
        };
        command.Validators.Add(r =>
        {
            if (r.GetValue(json) && r.GetValue(jsonLines)) r.AddError("--json and --jsonl cannot be combined.");
        });
        command.SetAction((parse, cancellationToken) =>
        {
            Reporting.ResamplerNotice.WriteIfNeeded();
            bool withTimeline = parse.GetValue(timeline) || parse.GetResult(hop) is { Implicit: false };
            var paths = PredictInputs.Expand(parse.GetValue(files)!);
            using var recognizer = OpenRecognizer(parse.GetValue(model), new RecognizerOptions
            {
                Device = parse.GetValue(device)!,
                Threads = parse.GetValue(threads),
                FeatureThreads = parse.GetValue(featureThreads),
            });
            var format = parse.GetValue(json) ? OutputFormat.JsonArray : parse.GetValue(jsonLines) ? OutputFormat.JsonLines : OutputFormat.Text;
            var results = recognizer.PredictMany(paths.Select(p => (AudioInput)p), withTimeline ? parse.GetValue(hop) : null, cancellationToken);
            int failed = PredictionProgress.Run(paths.Count, results, format, showProgress: !parse.GetValue(progress));
            return Task.FromResult(failed > 0 ? CliRunner.Failure : 0);
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

    /// <summary>One clip's result as text: "file: label (confidence)" and its timeline lines, or its error.</summary>
    internal static string Text(BatchPrediction result)
    {
        if (result.Prediction is not { } prediction) return $"error: {result.Error}";
        var text = new System.Text.StringBuilder($"{prediction.Source}: {prediction.Label} ({F2(prediction.Confidence)})");
        foreach (var segment in prediction.Timeline ?? [])
            text.Append($"\n  {F2(segment.StartSeconds)}-{F2(segment.EndSeconds)} s  {segment.Label} ({F2(segment.Confidence)})");
        return text.ToString();
    }

    /// <summary>One clip's result as a JSON object; a failed clip is <c>{ "file", "error" }</c>.</summary>
    internal static string Json(BatchPrediction result, bool indented)
    {
        var node = result.Prediction is { } p
            ? JsonSerializer.SerializeToNode(p, PredictionJson.Options)!
            : new JsonObject { ["file"] = result.Name, ["error"] = result.Error };
        return node.ToJsonString(new JsonSerializerOptions(PredictionJson.Options) { WriteIndented = indented });
    }

    private static string F2(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
