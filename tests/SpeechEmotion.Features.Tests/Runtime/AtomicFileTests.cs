using System.Diagnostics;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Tests.Runtime;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "se-atomic-" + Guid.NewGuid().ToString("N"));

    public AtomicFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Write_ReplacesARegularFile()
    {
        var target = Path.Combine(_dir, "out.csv");
        File.WriteAllText(target, "old");

        AtomicFile.WriteText(target, "new");

        Assert.Equal("new", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_RefusesASymlink_AndLeavesItAndItsTargetAlone()
    {
        // Given a symlink at the target that points at another file
        var pointee = Path.Combine(_dir, "precious.txt");
        File.WriteAllText(pointee, "keep");
        var link = Path.Combine(_dir, "out.csv");
        File.CreateSymbolicLink(link, pointee);

        // When a writer targets the link
        var e = Assert.Throws<NotRegularFileException>(() => AtomicFile.WriteText(link, "new"));

        // Then it is refused with the user's path, and nothing changed
        Assert.Contains(link, e.Message);
        Assert.Contains("symbolic link", e.Message);
        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal("keep", File.ReadAllText(pointee));
        Assert.Equal(2, Directory.GetFileSystemEntries(_dir).Length);
    }

    [Fact]
    public void Write_RefusesAFolder()
    {
        var folder = Path.Combine(_dir, "out.csv");
        Directory.CreateDirectory(folder);

        var e = Assert.Throws<NotRegularFileException>(() => AtomicFile.WriteText(folder, "new"));

        Assert.Contains("folder", e.Message);
        Assert.True(Directory.Exists(folder));
    }

    [Fact]
    public void Write_RefusesACharacterDevice_NeverReplacingDevNull()
    {
        if (!File.Exists("/dev/null"))
            return;   // not a Unix machine
        var e = Assert.Throws<NotRegularFileException>(() => AtomicFile.WriteText("/dev/null", "x"));

        Assert.StartsWith("/dev/null: ", e.Message);
        Assert.Contains("character device", e.Message);
    }

    [Fact]
    public void Write_RefusesAFifo_WithoutBlocking()
    {
        if (OperatingSystem.IsWindows())
            return;
        var fifo = Path.Combine(_dir, "out.csv");
        using (var mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            if (mkfifo.ExitCode != 0)
                return;
        }

        var e = Assert.Throws<NotRegularFileException>(() => AtomicFile.WriteText(fifo, "x"));

        Assert.Contains("FIFO", e.Message);
    }

    [Fact]
    public void Write_RemovesTemporaryFilesOfAKilledWriter_AndKeepsOthers()
    {
        // Given the temp file of a process that no longer exists, and one of a running process
        var target = Path.Combine(_dir, "model.semodel");
        int deadPid = DeadProcessId();
        var leftover = Path.Combine(_dir, $".model.semodel.{deadPid}.{Guid.NewGuid():N}.tmp");
        var live = Path.Combine(_dir, $".model.semodel.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        var unrelated = Path.Combine(_dir, ".other.semodel.1.tmp");
        foreach (var f in new[] { leftover, live, unrelated })
            File.WriteAllText(f, "partial");

        // When the next run writes the same target
        AtomicFile.WriteText(target, "complete");

        // Then the dead writer's temp file is gone and the others stay
        Assert.False(File.Exists(leftover));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(unrelated));
        Assert.Equal("complete", File.ReadAllText(target));
    }

    [Fact]
    public void Write_RemovesOldStyleTemporaryFiles_WhenOld()
    {
        var target = Path.Combine(_dir, "features.bin");
        var old = Path.Combine(_dir, $"features.bin.{Guid.NewGuid():N}.tmp");
        var recent = Path.Combine(_dir, $"features.bin.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(old, "partial");
        File.WriteAllText(recent, "partial");
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddDays(-1));

        AtomicFile.WriteText(target, "complete");

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(recent));   // may belong to a writer that is still running
    }

    [Fact]
    public void Write_Failure_NamesTheTarget_NotTheTemporaryFile()
    {
        var target = Path.Combine(_dir, "out.csv");

        var e = Assert.Throws<IOException>(() => AtomicFile.Write(target, _ => throw new IOException($"No space left on device : '{Path.Combine(_dir, ".out.csv.1.tmp")}'")));

        Assert.StartsWith($"{target}: cannot write it", e.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }

    [Fact]
    public void Write_PermissionDenied_NamesTheTarget()
    {
        if (OperatingSystem.IsWindows() || Environment.UserName == "root")
            return;   // root writes anywhere
        var locked = Path.Combine(_dir, "locked");
        Directory.CreateDirectory(locked);
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var target = Path.Combine(locked, "out.csv");
            var e = Assert.Throws<IOException>(() => AtomicFile.WriteText(target, "x"));
            Assert.StartsWith($"{target}: ", e.Message);
            Assert.DoesNotContain(".tmp", e.Message);
        }
        finally
        {
            File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    /// <summary>The id of a process that has exited.</summary>
    private static int DeadProcessId()
    {
        using var process = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        process.WaitForExit();
        return process.Id;
    }
}
