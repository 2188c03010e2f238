using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Security.Cryptography;
using Spectre.Console;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;

namespace SpeechEmotion.Trainer.Commands;

/// <summary>
/// <c>extract DIR --out FILE [--threads N]</c>: features of every audio file under a folder into one
/// <see cref="FeatureCache"/>, reusing entries already in it.
/// </summary>
internal static class ExtractCommand
{

    public static Command Create()
    {
        var directory = new Argument<DirectoryInfo>("directory") { Description = $"Folder searched recursively for {string.Join(", ", AudioReader.FileExtensions)} files." };
        var output = new Option<FileInfo>("--out", "-o") { Description = "Feature cache file (created, or extended when it holds the same feature settings).", Required = true };
        var threads = ThreadsOption();
        var command = new Command("extract", "Extract the features of every clip under a folder into a feature cache, in parallel.");
        command.Arguments.Add(directory);
        command.Options.Add(output);
        command.Options.Add(threads);
        command.SetAction(parse => Run(parse.GetValue(directory)!, parse.GetValue(output)!, parse.GetValue(threads)));
        return command;
    }

    internal static Option<int> ThreadsOption()
    {
        var option = new Option<int>("--threads", "-j")
        {
            Description = "Worker threads (default: all cores).",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
                result.AddError("--threads must be at least 1.");
        });
        return option;
    }

    /// <summary>Audio files under <paramref name="directory"/>, sorted, or a one-line failure.</summary>
    internal static List<string> FindAudioFiles(DirectoryInfo directory)
    {
        if (!directory.Exists)
            throw new CliException($"{directory.FullName}: folder not found");
        var files = Directory.EnumerateFiles(directory.FullName, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true })
            .Where(f => AudioReader.FileExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
            throw new CliException($"{directory.FullName}: no {string.Join(", ", AudioReader.FileExtensions)} files");
        return files;
    }

    private static int Run(DirectoryInfo directory, FileInfo output, int threads)
    {
        var files = FindAudioFiles(directory);
        var options = new FeatureOptions();
        using var cache = FeatureCache.OpenOrCreate(output.FullName, options);
        if (cache.IgnoredReason is { } reason)
            Console.Out.WriteLine($"note: {output.FullName} not reused: {reason}");
        var extractor = new FeatureExtractor(options, cache.Resampler);
        var failures = new ConcurrentBag<(string File, string Problem)>();
        int computed = 0, reused = 0;
        var clock = Stopwatch.StartNew();

        void Process(string file)
        {
            string name = Path.GetRelativePath(directory.FullName, file);
            try
            {
                byte[] bytes = File.ReadAllBytes(file);
                string key = FeatureCache.ContentKey(bytes);
                if (cache.Contains(key))
                {
                    Interlocked.Increment(ref reused);
                    return;
                }
                cache.Set(key, extractor.Extract(AudioReader.Read(bytes, name)), name);
                Interlocked.Increment(ref computed);
            }
            catch (AudioFormatException e)
            {
                failures.Add((name, e.Message));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                failures.Add((name, $"{name}: {e.Message}"));
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One unreadable clip must not stop a corpus run: report it by name and go on.
                failures.Add((name, $"{name}: {e.GetType().Name}: {e.Message}"));
            }
        }

        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads };
        if (!Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask("Extracting features", maxValue: files.Count);
                    Parallel.ForEach(files, parallel, file =>
                    {
                        Process(file);
                        task.Increment(1);
                    });
                });
        }
        else
        {
            // Plain lines for logs and pipes, about every 10 %.
            int done = 0, step = Math.Max(1, files.Count / 10);
            Parallel.ForEach(files, parallel, file =>
            {
                Process(file);
                int n = Interlocked.Increment(ref done);
                if (n % step == 0 || n == files.Count)
                    Console.Out.WriteLine($"extract: {n}/{files.Count} files");
            });
        }
        cache.Save();
        double seconds = clock.Elapsed.TotalSeconds;
        foreach (var (_, problem) in failures.OrderBy(f => f.File, StringComparer.Ordinal))
            Console.Error.WriteLine($"error: {problem}");
        Console.Out.WriteLine(
            $"{files.Count} files: {computed} extracted, {reused} reused, {failures.Count} failed in {seconds:F1} s " +
            $"({files.Count / Math.Max(seconds, 1e-9):F0} files/s, {threads} threads, resampler {cache.Resampler}); cache {output.FullName} holds {cache.Count} clips");
        return failures.IsEmpty ? 0 : CliRunner.Failure;
    }
}
