namespace SpeechEmotion.Runtime;

/// <summary>The process's peak resident memory, as the kernel counts it (<c>VmHWM</c> in /proc/self/status).</summary>
public static class PeakMemory
{
    /// <summary>Peak resident set size in MiB, or null where /proc is not available (Windows, macOS).</summary>
    public static double? MiB()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (!line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    continue;
                var kib = long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kib / 1024.0;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }
        return null;
    }
}
