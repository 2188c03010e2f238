using System.Runtime.InteropServices;

namespace SpeechEmotion.Runtime;

/// <summary>What sits at a path, without following a symbolic link (lstat).</summary>
internal static class FileKind
{
    /// <summary>
    /// "regular file", "folder", "symbolic link", "FIFO", "character device", "block device", "socket",
    /// or null when nothing is there.
    /// </summary>
    public static string? Describe(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            int? mode = UnixMode(path);
            if (mode is null)
                return null;
            return (mode.Value & TypeMask) switch
            {
                0x8000 => "regular file",
                0x4000 => "folder",
                0xA000 => "symbolic link",
                0x1000 => "FIFO",
                0x2000 => "character device",
                0x6000 => "block device",
                0xC000 => "socket",
                _ => "special file",
            };
        }
        var info = new FileInfo(path);
        if (info.LinkTarget is not null)
            return "symbolic link";
        if (Directory.Exists(path))
            return "folder";
        if (!info.Exists)
            return null;
        return info.Attributes.HasFlag(FileAttributes.Device) ? "device" : "regular file";
    }

    private const int TypeMask = 0xF000;

    // .NET's own file APIs report FIFOs and devices as ordinary files, so ask the runtime's native shim, which
    // exposes st_mode in a layout that is the same on every Unix (Flags then Mode, two int32 at the start).
    private static unsafe int? UnixMode(string path)
    {
        byte* status = stackalloc byte[512];
        int result;
        try
        {
            result = SystemNativeLStat(path, status);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            var info = new FileInfo(path);
            if (info.LinkTarget is not null) return 0xA000;
            if (Directory.Exists(path)) return 0x4000;
            return info.Exists ? 0x8000 : null;
        }
        return result == 0 ? *(int*)(status + 4) : null;
    }

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_LStat", SetLastError = true)]
    private static extern unsafe int SystemNativeLStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte* output);
}
