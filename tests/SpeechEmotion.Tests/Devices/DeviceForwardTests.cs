using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Tests.Devices;

/// <summary>
/// The network runs on the device a user chooses (<c>--device</c>, <c>RecognizerOptions.Device</c>). On a machine
/// with a GPU and the CUDA backend (<c>-p:TorchBackend=cuda</c>) the CUDA cases run the forward there and compare it
/// with the CPU's; elsewhere they check the error instead. Parsing of device names is tested in Modeling.
/// </summary>
public sealed class DeviceForwardTests
{
    [Fact]
    public void Cpu_RunsTheNetworkForwardOnTheCpu()
    {
        // Given the "cpu" device
        var device = DeviceSelector.Resolve("cpu");

        // When the network runs on it
        var (logits, onDevice) = Forward(device);

        // Then the output is computed on the CPU: 8 finite logits per clip
        Assert.Equal(DeviceType.CPU, onDevice);
        Assert.Equal(2, logits.Length);
        Assert.All(logits, l => Assert.Equal(8, l.Length));
        Assert.All(logits.SelectMany(l => l), v => Assert.True(float.IsFinite(v)));
    }

    [Fact]
    public void Auto_PicksCudaExactlyWhenItIsAvailable_AndRunsThere()
    {
        // Given "auto" on this machine
        var device = DeviceSelector.Resolve("AUTO");

        // When the network runs on the chosen device
        var (logits, onDevice) = Forward(device);

        // Then it ran on CUDA if torch sees a GPU, else on the CPU, with the CPU's result
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, onDevice);
        AssertClose(Forward(torch.CPU).Logits, logits);
    }

    [Fact]
    public void Cuda_RunsTheForwardOnTheGpu_OrFailsWithOneClearLine()
    {
        // Given an explicit request for CUDA
        if (torch.cuda.is_available())
        {
            // When a GPU is there, the network runs on it and agrees with the CPU
            var (logits, onDevice) = Forward(DeviceSelector.Resolve("cuda"));
            Assert.Equal(DeviceType.CUDA, onDevice);
            AssertClose(Forward(torch.CPU).Logits, logits);
        }
        else
        {
            // When there is none, the request fails with one line that names the device and the way out
            var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve("cuda"));
            AssertOneLine(e);
            Assert.Contains("'cuda'", e.Message);
            Assert.Contains("CUDA is not available", e.Message);
            Assert.Contains("cpu", e.Message);
        }
    }

    [Fact]
    public void CudaIndex_BeyondTheDeviceCount_FailsWithOneClearLine()
    {
        // Given a CUDA device index no machine here has
        // When it is resolved
        var e = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve("cuda:99"));

        // Then it fails with one line naming the request
        AssertOneLine(e);
        Assert.Contains("'cuda:99'", e.Message);
    }

    /// <summary>Logits of a seeded network for a seeded batch of 2 clips (60 and 25 valid frames), computed on <paramref name="device"/>.</summary>
    private static (float[][] Logits, DeviceType Device) Forward(Device device)
    {
        using var scope = torch.NewDisposeScope();
        torch.random.manual_seed(11);
        using var net = new EmotionNet(new ModelConfig());
        net.to(device).eval();
        var x = torch.randn(2, 60, 121).to(device);
        var valid = torch.tensor(new long[] { 60, 25 }).to(device);
        using var inference = torch.inference_mode();
        var logits = net.call(x, valid);
        var where = logits.device_type;
        var values = logits.cpu().data<float>().ToArray();
        return ([values[..8], values[8..]], where);
    }

    private static void AssertClose(float[][] expected, float[][] actual)
    {
        var diff = expected.Zip(actual).SelectMany(p => p.First.Zip(p.Second, (a, b) => Math.Abs(a - b))).Max();
        Assert.True(diff < 1e-3, $"max difference from the CPU result {diff}");
    }

    private static void AssertOneLine(ArgumentException e)
    {
        // ArgumentException appends " (Parameter 'spec')" on the same line.
        Assert.DoesNotContain('\n', e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.Message));
    }
}
