using System.Diagnostics;
using System.Globalization;
using Spectre.Console;
using SpeechEmotion.Inference;
using SpeechEmotion.Trainer.Commands;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>How <c>predict</c> prints its results.</summary>
internal enum OutputFormat
{
    /// <summary>"file: label (confidence)" lines; errors on stderr.</summary>
    Text,

    /// <summary>One JSON array, written element by element as results arrive.</summary>
    JsonArray,

    /// <summary>One compact JSON object per line.</summary>
    JsonLines,
}

/// <summary>
/// Prints <c>predict</c>'s results as they arrive, with a progress bar on a terminal: on stdout when it is one
/// (results scroll above the bar), else on stderr when that is one (so <c>predict DIR --jsonl &gt; out.jsonl</c> still
/// shows progress), ending with a summary line there. Without a terminal only results and errors are printed.
/// </summary>
internal static class PredictionProgress
{
    /// <summary>Prints every result; returns the number of clips that failed.</summary>
    public static int Run(int total, IEnumerable<BatchPrediction> results, OutputFormat format, bool showProgress)
    {
        var watch = Stopwatch.StartNew();
        int done = 0, failed = 0;
        var output = Console.Out;
        bool barOnStdout = showProgress && !Console.IsOutputRedirected;
        // The bar goes to a terminal: stdout, or stderr when stdout is redirected; no bar when neither is one.
        var bar = !showProgress ? null
            : barOnStdout ? Create(output)
            : !Console.IsErrorRedirected ? Create(Console.Error)
            : null;

        void Print(BatchPrediction result, Action<string> write)
        {
            if (format == OutputFormat.JsonArray)
                write((done == 0 ? "[\n" : ",\n") + PredictCommand.Json(result, indented: true));
            else if (format == OutputFormat.JsonLines)
                write(PredictCommand.Json(result, indented: false) + "\n");
            else if (result.Succeeded)
                write(PredictCommand.Text(result) + "\n");
            if (!result.Succeeded)
            {
                failed++;
                if (!barOnStdout) Console.Error.WriteLine($"error: {result.Error}");
                else bar!.WriteLine($"error: {result.Error}", new Style(Color.Red));
            }
            done++;
        }

        if (bar is null)
        {
            foreach (var result in results)
            {
                Print(result, output.Write);
                if (format == OutputFormat.JsonLines) output.Flush();
            }
        }
        else
        {
            bar.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var task = context.AddTask("predicting", maxValue: Math.Max(1, total));
                    // Results go through the bar's console when it is stdout, so they scroll above the bar.
                    Action<string> write = barOnStdout ? text => bar.Write(new Text(text)) : output.Write;
                    foreach (var result in results)
                    {
                        Print(result, write);
                        task.Value = done;
                        task.Description = $"{done}/{total} clips";
                    }
                });
        }
        if (format == OutputFormat.JsonArray) output.Write(done == 0 ? "[]\n" : "\n]\n");
        output.Flush();
        double seconds = watch.Elapsed.TotalSeconds;
        // The summary takes the bar's place on a terminal; scripts reading stderr get only the errors.
        if (bar is not null) bar.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{done} clips in {seconds:0.0} s ({done / Math.Max(seconds, 1e-9):0} clips/s){(failed > 0 ? $", {failed} failed" : "")}"));
        return failed;
    }

    private static IAnsiConsole Create(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Interactive = InteractionSupport.Yes,
        Ansi = AnsiSupport.Detect,
    });
}
