using System.Runtime.InteropServices;

namespace SpeechEmotion.Runtime;

/// <summary>
/// Keeps glibc malloc from returning LibTorch's large buffers to the operating system after every step.
/// With the default thresholds each training step maps and faults in its activations again (several
/// times slower on a VM); raising <c>M_MMAP_THRESHOLD</c> and <c>M_TRIM_THRESHOLD</c> to 1 GiB keeps them
/// in the heap. Equivalent to starting the process with
/// <c>GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1073741824:glibc.malloc.trim_threshold=1073741824</c>.
/// </summary>
public static class NativeMemoryTuning
{
    private const int MallocTrimThreshold = -1;   // M_TRIM_THRESHOLD
    private const int MallocMmapThreshold = -3;   // M_MMAP_THRESHOLD
    private const int Threshold = 1 << 30;        // 1 GiB
    private static readonly Lock Gate = new();
    private static bool attempted;

    /// <summary>True when the thresholds were raised in this process (Linux with glibc only).</summary>
    public static bool IsApplied { get; private set; }

    /// <summary>
    /// Raises glibc's mmap and trim thresholds to 1 GiB, and sets OpenMP's passive wait policy
    /// (<see cref="OpenMpWaitPolicy"/>). Call it at start-up, before the first tensor is created. Idempotent; the
    /// thresholds are left alone on other operating systems or C libraries without <c>mallopt</c>.
    /// </summary>
    public static void Apply()
    {
        OpenMpWaitPolicy.Apply();
        lock (Gate)
        {
            if (attempted)
                return;
            attempted = true;
            if (!OperatingSystem.IsLinux())
                return;
            try
            {
                // mallopt returns 1 on success, 0 on error.
                IsApplied = mallopt(MallocMmapThreshold, Threshold) == 1
                            & mallopt(MallocTrimThreshold, Threshold) == 1;
            }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
            {
                IsApplied = false; // not glibc (e.g. musl): leave the allocator alone
            }
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int mallopt(int param, int value);
}
