using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;

namespace SpeechEmotion.Web;

/// <summary>
/// <c>bench-web [FILES...] [--target URL] [--clients N] [--requests N] [--Model:Path BUNDLE ...]</c>:
/// N concurrent clients post clips to <c>/api/predict</c> and the benchmark prints requests/s, latency
/// percentiles and the error count. Without <c>--target</c> it starts the app in-process on a free port
/// (other <c>--Key value</c> arguments configure that server).
/// </summary>
internal static class LoadBenchmark
{
    private const string DefaultSamples = "data/samples";

    public static async Task<int> RunAsync(string[] args)
    {
        string? target = null;
        int clients = 8, requests = 400;
        var files = new List<string>();
        var serverArgs = new List<string>();
        try
        {
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--target": target = Value(args, ref i); break;
                    case "--clients": clients = Positive(args, ref i); break;
                    case "--requests": requests = Positive(args, ref i); break;
                    case var key when key.StartsWith("--", StringComparison.Ordinal):
                        serverArgs.Add(key);
                        if (!key.Contains('=')) serverArgs.Add(Value(args, ref i));
                        break;
                    default: files.Add(args[i]); break;
                }
            }
            if (files.Count == 0 && Directory.Exists(DefaultSamples)) files.AddRange(Directory.GetFiles(DefaultSamples, "*.wav").Order(StringComparer.Ordinal));
            if (files.Count == 0) throw new ArgumentException($"no clips: pass WAV files or run from the repository root ({DefaultSamples}/*.wav)");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        WebApplication? server = null;
        if (target is null)
        {
            try
            {
                server = WebApp.Build([.. serverArgs, "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"]);
            }
            catch (Exception e) when (WebApp.IsStartupError(e))
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 1;
            }
            await server.StartAsync();
            target = server.Urls.First();
        }
        try
        {
            var clips = files.Select(f => (Name: Path.GetFileName(f), Bytes: File.ReadAllBytes(f))).ToArray();
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients })
            {
                BaseAddress = new Uri(target),
                Timeout = TimeSpan.FromMinutes(2),
            };
            for (int i = 0; i < Math.Max(clients, clips.Length); i++) await PostAsync(http, clips[i % clips.Length]); // warm-up

            var latencies = new double[requests];
            int next = -1, errors = 0;
            string? firstError = null;
            var elapsed = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(async _ =>
            {
                for (int i = Interlocked.Increment(ref next); i < requests; i = Interlocked.Increment(ref next))
                {
                    long start = Stopwatch.GetTimestamp();
                    string? error = await PostAsync(http, clips[i % clips.Length]);
                    latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                    if (error is not null)
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, error, null);
                    }
                }
            }));
            elapsed.Stop();

            Array.Sort(latencies);
            Console.WriteLine($"target {target}{(server is null ? "" : " (in-process server)")}, {clients} clients, {requests} requests, " +
                              $"{clips.Length} clips ({string.Join(", ", clips.Select(c => c.Name))}), {Environment.ProcessorCount} cores");
            Console.WriteLine($"throughput: {F(requests / elapsed.Elapsed.TotalSeconds)} requests/s over {F(elapsed.Elapsed.TotalSeconds)} s");
            Console.WriteLine($"latency: p50 {F(Percentile(latencies, 50))} ms, p90 {F(Percentile(latencies, 90))} ms, " +
                              $"p99 {F(Percentile(latencies, 99))} ms, max {F(latencies[^1])} ms");
            Console.WriteLine($"errors: {errors}{(firstError is null ? "" : $" (first: {firstError})")}");
            if (server?.Services.GetService<SpeechEmotion.Inference.EmotionRecognizer>() is { } recognizer)
            {
                var stats = recognizer.Statistics;
                Console.WriteLine($"forward passes: {stats.ForwardPasses} for {stats.WindowsRun} model windows (mean batch {F(stats.MeanBatchSize)}), " +
                                  $"process CPU {F(Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds)} s");
            }
            return errors == 0 ? 0 : 1;
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
        }
    }

    /// <summary>Posts one clip as a multipart upload; null on a 200 answer with a label, else what went wrong.</summary>
    private static async Task<string?> PostAsync(HttpClient http, (string Name, byte[] Bytes) clip)
    {
        try
        {
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(clip.Bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", clip.Name);
            using var response = await http.PostAsync("/api/predict", form);
            string body = await response.Content.ReadAsStringAsync();
            return response.IsSuccessStatusCode && body.Contains("\"label\"", StringComparison.Ordinal)
                ? null
                : $"{clip.Name}: HTTP {(int)response.StatusCode} {body}";
        }
        catch (HttpRequestException e)
        {
            return $"{clip.Name}: {e.Message}";
        }
    }

    private static string Value(string[] args, ref int i) =>
        ++i < args.Length ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value");

    private static int Positive(string[] args, ref int i)
    {
        string text = Value(args, ref i);
        return int.TryParse(text, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : throw new ArgumentException($"{args[i - 1]} must be a positive integer (got '{text}')");
    }

    private static double Percentile(double[] sorted, double percent)
    {
        double rank = percent / 100 * (sorted.Length - 1);
        int lo = (int)Math.Floor(rank), hi = (int)Math.Ceiling(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
}
