using TorchSharp;

namespace SpeechEmotion.Tests;

public class TorchRuntimeTests
{
    [Fact]
    public void NativeBackend_Loads_AndComputes()
    {
        // Given the native backend copied by the build (patched where the system libstdc++ is older)
        using var a = torch.arange(6, dtype: torch.float32).reshape(2, 3);

        // When a tensor operation runs natively
        using var sum = a.sum();

        // Then it computes the right value
        Assert.Equal(15f, sum.item<float>());
    }
}
