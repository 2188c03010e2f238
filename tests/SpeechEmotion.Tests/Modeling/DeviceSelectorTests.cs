using SpeechEmotion.Modeling;
using TorchSharp;

namespace SpeechEmotion.Tests.Modeling;

public class DeviceSelectorTests
{
    [Theory]
    [InlineData("cpu")]
    [InlineData(" CPU ")]
    public void Resolve_Cpu_GivesTheCpu(string spec) =>
        // Given / When / Then
        Assert.Equal(DeviceType.CPU, DeviceSelector.Resolve(spec).type);

    [Fact]
    public void Resolve_Auto_GivesCudaOnlyWhereAvailable()
    {
        // Given "auto" / When resolved / Then CUDA exactly when torch sees a GPU
        var expected = torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU;
        Assert.Equal(expected, DeviceSelector.Resolve("auto").type);
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    public void Resolve_Cuda_WithoutCuda_ExplainsWhatToDo(string spec)
    {
        // Given a machine without CUDA (nothing to check where CUDA exists)
        if (torch.cuda.is_available())
            return;

        // When / Then the request fails with one clear line
        var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve(spec));
        Assert.Contains("CUDA is not available", e.Message);
        Assert.Contains("--device cpu", e.Message);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    [InlineData("")]
    public void Resolve_Unknown_ListsTheAcceptedValues(string spec)
    {
        // Given / When / Then an unknown device names the accepted forms
        var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve(spec));
        Assert.Contains("auto, cpu, cuda or cuda:N", e.Message);
    }
}
