using SpeechEmotion.Runtime;

namespace SpeechEmotion.Tests.Training;

public class NativeMemoryTuningTests
{
    [Fact]
    public void Apply_IsIdempotent_AndTakesEffectOnGlibcLinux()
    {
        // Given / When it is applied twice
        NativeMemoryTuning.Apply();
        NativeMemoryTuning.Apply();

        // Then on Linux with glibc the thresholds were set; elsewhere nothing happened
        var glibc = OperatingSystem.IsLinux() && File.Exists("/lib/x86_64-linux-gnu/libc.so.6");
        if (glibc)
            Assert.True(NativeMemoryTuning.IsApplied);
        else if (!OperatingSystem.IsLinux())
            Assert.False(NativeMemoryTuning.IsApplied);
    }
}
