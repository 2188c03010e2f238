using System.Diagnostics;
using System.Globalization;

namespace SpeechEmotion.Runtime;

/// <summary>Writes files so that readers see either the old or the complete new content, never a partial one.</summary>
public static class AtomicFile
{
    // Temporary files left behind by a killed writer older than this are removed even when they carry no process id.
    private static readonly TimeSpan StaleAge = TimeSpan.FromHours(1);

    /// <summary>
    /// Writes through <paramref name="write"/> into a temporary file beside <paramref name="path"/>, then renames it
    /// over <paramref name="path"/>. With <paramref name="durable"/> the data is flushed to the disk before the
    /// rename, so the new file also survives a power loss (slower: one fsync). Temporary files of the same target
    /// left by a killed process are removed first.
    /// </summary>
    /// <param name="path">The target; it must be absent or a regular file.</param>
    /// <param name="write">Writes the whole content to the stream it is given.</param>
    /// <param name="durable">Flush to the disk before the rename.</param>
    /// <exception cref="IOException">
    /// The target exists and is not a regular file (a symbolic link, FIFO, device, socket or folder is never
    /// replaced), or it cannot be written. The message names <paramref name="path"/>, not the temporary file.
    /// </exception>
    public static void Write(string path, Action<Stream> write, bool durable = true) =>
        WriteCore(path, write, durable, keepOpen: false);

    /// <summary>
    /// Writes like <see cref="Write"/> and returns the new file opened for reading. The stream follows the file it
    /// wrote, not the path: what another writer later renames over <paramref name="path"/> does not show through it.
    /// </summary>
    /// <exception cref="IOException">As for <see cref="Write"/>.</exception>
    public static FileStream WriteAndOpen(string path, Action<Stream> write, bool durable = true) =>
        WriteCore(path, write, durable, keepOpen: true)!;

    private static FileStream? WriteCore(string path, Action<Stream> write, bool durable, bool keepOpen)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        var name = Path.GetFileName(full);
        EnsureReplaceable(path, full);
        Directory.CreateDirectory(directory);
        RemoveStaleTemporaries(directory, name);
        var temp = Path.Combine(directory, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        FileStream? stream = null;
        try
        {
            // A kept stream shares deletion, so the file can be renamed while it is open (on Windows too).
            stream = keepOpen
                ? new FileStream(temp, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.Read | FileShare.Delete)
                : new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: durable);
            if (!keepOpen)
            {
                stream.Dispose();
                stream = null;
            }
            // Checked again just before the rename: something may have appeared at the target meanwhile.
            EnsureReplaceable(path, full);
            File.Move(temp, full, overwrite: true);
            stream?.Seek(0, SeekOrigin.Begin);
            return stream;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream?.Dispose();
            TryDelete(temp);
            if (e is NotRegularFileException)
                throw;
            throw new IOException($"{path}: cannot write it ({e.Message.Replace(temp, full, StringComparison.Ordinal)})", e);
        }
        catch
        {
            stream?.Dispose();
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 atomically (see <see cref="Write"/>).</summary>
    /// <exception cref="IOException">As for <see cref="Write"/>.</exception>
    public static void WriteText(string path, string text, bool durable = true) =>
        Write(path, s =>
        {
            using var writer = new StreamWriter(s, new System.Text.UTF8Encoding(false), leaveOpen: true);
            writer.Write(text);
        }, durable);

    /// <summary>Refuses a target that exists and is not a regular file: renaming over it would destroy it.</summary>
    private static void EnsureReplaceable(string path, string full)
    {
        string? kind = FileKind.Describe(full);
        if (kind is not null and not "regular file")
            throw new NotRegularFileException(
                $"{path}: exists and is a {kind}, not a regular file; refusing to replace it (write to another path)");
    }

    /// <summary>
    /// Deletes <c>.NAME.PID.GUID.tmp</c> files whose process is gone, and older-style <c>NAME.GUID.tmp</c> /
    /// <c>NAME.PID.GUID.png</c> files that are over an hour old. Best effort: a file in use is left alone.
    /// </summary>
    private static void RemoveStaleTemporaries(string directory, string name)
    {
        string[] candidates;
        try
        {
            candidates = Directory.GetFiles(directory, $"*{name}.*");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }
        foreach (var candidate in candidates)
        {
            string file = Path.GetFileName(candidate);
            bool stale;
            if (file.StartsWith($".{name}.", StringComparison.Ordinal) && file.EndsWith(".tmp", StringComparison.Ordinal))
            {
                string[] middle = file[(name.Length + 2)..^4].Split('.');
                stale = middle.Length == 2 && int.TryParse(middle[0], NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                    && IsGuid(middle[1]) && !IsRunning(pid);
            }
            else if (file.StartsWith($"{name}.", StringComparison.Ordinal) && (file.EndsWith(".tmp", StringComparison.Ordinal) || file.EndsWith(".png", StringComparison.Ordinal)))
            {
                string[] middle = file[(name.Length + 1)..^4].Split('.');
                stale = IsGuid(middle[^1]) && FileKind.Describe(candidate) == "regular file"
                    && DateTime.UtcNow - File.GetLastWriteTimeUtc(candidate) > StaleAge;
            }
            else
            {
                continue;
            }
            if (stale)
                TryDelete(candidate);
        }
    }

    private static bool IsGuid(string text) => text.Length == 32 && Guid.TryParseExact(text, "N", out _);

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId)
            return true;
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
