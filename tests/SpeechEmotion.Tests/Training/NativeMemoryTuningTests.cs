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

    [Fact]
    public void NativeEnvironment_SetDefault_SetsAnUnsetVariable_AndKeepsOneAlreadySet()
    {
        // Given a variable nobody has set
        var name = "SPEECH_EMOTION_TEST_" + Guid.NewGuid().ToString("N");

        // When a default is set twice with different values
        var first = NativeEnvironment.SetDefault(name, "first");
        var second = NativeEnvironment.SetDefault(name, "second");

        // Then the first value is in effect both times (a user's setting is never overwritten)
        Assert.Equal("first", first);
        Assert.Equal("first", second);
    }

    [Fact]
    public void OneDnnPrimitiveCache_LimitForTraining_LeavesTheCapacityInTheNativeEnvironment()
    {
        // Given the value a user may have set before the process started
        var preset = Environment.GetEnvironmentVariable(OneDnnPrimitiveCache.Variable);

        // When training's limit is applied (twice: idempotent)
        OneDnnPrimitiveCache.LimitForTraining();
        OneDnnPrimitiveCache.LimitForTraining();

        // Then oneDNN will read the user's value if there was one, the training capacity otherwise
        var expected = preset ?? OneDnnPrimitiveCache.TrainingCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, OneDnnPrimitiveCache.Effective);
        Assert.Equal(expected, NativeEnvironment.SetDefault(OneDnnPrimitiveCache.Variable, "999"));
    }
}
