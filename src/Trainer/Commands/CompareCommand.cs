using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SpeechEmotion.Trainer.Reporting;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>compare A B [--metric macro_f1]</c>: pairs the runs of two cross-validations (cv-report.json, or their folders)
/// by split and seed, and prints each recipe's mean with its 95% interval and a paired t-test of the difference, so a
/// claim such as "recipe A beats B" carries its uncertainty.
/// </summary>
internal static class CompareCommand
{
    private static readonly string[] Metrics = ["macro_f1", "uar", "accuracy"];

    public static Command Create()
    {
        var first = new Argument<string>("a") { Description = "Cross-validation A: its folder or its cv-report.json." };
        var second = new Argument<string>("b") { Description = "Cross-validation B: its folder or its cv-report.json." };
        var metric = new Option<string>("--metric") { Description = "macro_f1 (default), uar or accuracy.", DefaultValueFactory = _ => "macro_f1" };
        metric.AcceptOnlyFromAmong(Metrics);
        var command = new Command("compare", "Compare two cross-validations run on the same splits and seeds (paired t-test).") { first, second, metric };
        command.SetAction(parse =>
        {
            var key = parse.GetValue(metric)!;
            var (pathA, pathB) = (parse.GetValue(first)!, parse.GetValue(second)!);
            var a = ReadRuns(pathA, key);
            var b = ReadRuns(pathB, key);
            var pairs = a.Keys.Intersect(b.Keys).Order().ToArray();
            if (pairs.Length < 2)
                throw new CliException($"{pathA} and {pathB} share {pairs.Length} run(s) (same split and seed); a paired comparison needs at least 2.");
            var valuesA = pairs.Select(p => a[p]).ToArray();
            var valuesB = pairs.Select(p => b[p]).ToArray();
            var result = Statistics.PairedT(valuesA, valuesB);
            Console.WriteLine($"{key} over {pairs.Length} paired runs ({string.Join(", ", pairs)}):");
            Console.WriteLine($"  A {pathA}: {MeanStd.Of(valuesA).Interval}");
            Console.WriteLine($"  B {pathB}: {MeanStd.Of(valuesB).Interval}");
            Console.WriteLine($"  A - B: {result}");
            var unpaired = a.Count + b.Count - 2 * pairs.Length;
            if (unpaired > 0)
                Console.WriteLine($"  ({unpaired} run(s) without a partner were left out)");
            return 0;
        });
        return command;
    }

    // Runs of one cv-report.json by "split/seed".
    private static Dictionary<string, double> ReadRuns(string path, string metric)
    {
        var file = Directory.Exists(path) ? Path.Combine(path, CvReportWriter.JsonFile) : path;
        if (!File.Exists(file))
            throw new CliException($"{file}: no such cv report (give a cv --out folder or its {CvReportWriter.JsonFile}).");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            return doc.RootElement.GetProperty("runs").EnumerateArray().ToDictionary(
                run => $"{run.GetProperty("fold").GetString()}/{run.GetProperty("seed").GetInt32().ToString(CultureInfo.InvariantCulture)}",
                run => run.GetProperty(metric).GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new CliException($"{file}: not a cv report ({e.Message}).");
        }
    }
}
