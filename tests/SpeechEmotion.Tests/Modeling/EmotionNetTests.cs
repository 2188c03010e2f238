using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Tests.Modeling;

public class EmotionNetTests
{
    private static EmotionNet NewNet(ModelConfig? config = null)
    {
        torch.random.manual_seed(1);
        var net = new EmotionNet(config ?? new ModelConfig());
        net.eval();
        return net;
    }

    [Fact]
    public void StateDictKeys_AreTheFrozenCheckpointFormat()
    {
        // Given the default network
        using var net = NewNet();

        // When its state_dict is listed
        var keys = net.state_dict().Keys.ToArray();

        // Then the keys are exactly the checkpoint format (renaming a field breaks every saved bundle)
        string[] expected =
        [
            "conv1.weight", "conv1.bias",
            "norm.weight", "norm.bias",
            "conv2.weight", "conv2.bias",
            "lstm_forward.0.weight_ih_l0", "lstm_forward.0.weight_hh_l0", "lstm_forward.0.bias_ih_l0", "lstm_forward.0.bias_hh_l0",
            "lstm_backward.0.weight_ih_l0", "lstm_backward.0.weight_hh_l0", "lstm_backward.0.bias_ih_l0", "lstm_backward.0.bias_hh_l0",
            "attention.weight", "attention.bias",
            "dense.weight", "dense.bias",
            "classifier.weight", "classifier.bias",
            "norm.running_mean", "norm.running_var", "norm.num_batches_tracked",
        ];
        Assert.True(expected.SequenceEqual(keys), string.Join(",", keys));
    }

    [Fact]
    public void ParameterCount_MatchesTheOriginalModel_ExceptTorchLstmBiasesAndScalarAttentionBias()
    {
        // Given the default network
        using var net = NewNet();

        // When its parameters and buffers are counted
        var count = net.ParameterCount;

        // Then it is the original's 267,968, minus 119 per-step attention biases, plus PyTorch's second
        // LSTM bias (2 x 256) and BatchNorm's num_batches_tracked counter
        Assert.Equal(267_968 - 119 + 512 + 1, count);
    }

    [Theory]
    [InlineData(248)]
    [InlineData(40)]
    [InlineData(600)]
    [InlineData(10)]
    [InlineData(3)]
    public void Forward_GivesLogitsPerClip_ForAnyLength(int frames)
    {
        // Given a batch of 2 clips with `frames` frames
        using var net = NewNet();
        using var x = torch.randn(2, frames, 121);
        using var valid = torch.tensor(new long[] { frames, Math.Max(1, frames / 2) });

        // When the network runs
        using var logits = net.call(x, valid);

        // Then it gives 8 finite logits per clip
        Assert.Equal(new long[] { 2, 8 }, logits.shape);
        Assert.True(logits.isfinite().all().item<bool>());
    }

    [Fact]
    public void Forward_IgnoresPaddingContent()
    {
        // Given a batch with mixed valid lengths and zero padding
        using var net = NewNet();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(3, 248, 121);
        var valid = torch.tensor(new long[] { 248, 100, 37 });
        var mask = (torch.arange(248).unsqueeze(0) < valid.unsqueeze(1)).unsqueeze(-1);
        var clean = x.masked_fill(mask.logical_not(), 0);

        // When the padding frames are filled with garbage (large values and NaN)
        var garbage = torch.where(mask, clean, torch.randn(3, 248, 121) * 1000);
        garbage[2, 200, 5] = torch.tensor(float.NaN);

        // Then every clip's logits are unchanged
        var expected = net.call(clean, valid);
        var actual = net.call(garbage, valid);
        Assert.True(torch.allclose(expected, actual, rtol: 0, atol: 1e-5), $"max diff {(expected - actual).abs().max().item<float>()}");
    }

    [Fact]
    public void Forward_GivesTheSameOutput_WhetherAClipIsPaddedOrBatchedWithLongerClips()
    {
        // Given one clip of 120 valid frames
        using var net = NewNet();
        using var scope = torch.NewDisposeScope();
        var clip = torch.randn(1, 120, 121);

        // When it runs alone, and padded to 248 frames next to a longer clip
        var alone = net.call(clip, torch.tensor(new long[] { 120 }));
        var padded = torch.cat([nn.functional.pad(clip, [0, 0, 0, 128]), torch.randn(1, 248, 121)], 0);
        var batched = net.call(padded, torch.tensor(new long[] { 120, 248 }));

        // Then its logits are the same
        Assert.True(torch.allclose(alone[0], batched[0], rtol: 0, atol: 1e-5), $"{alone.str()} vs {batched.str()}");
    }

    [Theory]
    [InlineData(121, 1, 248)]
    [InlineData(121, 32, 248)]
    [InlineData(128, 8, 244)]
    [InlineData(7, 2, 30)]
    public void Convolution_MatchesConv1dInDoublePrecision(int channels, int batch, int frames)
    {
        // Given a float32 convolution layer and an input (121 channels is where oneDNN goes wrong unpadded)
        using var scope = torch.NewDisposeScope();
        torch.random.manual_seed(3);
        var layer = nn.Conv1d(channels, 128, 5);
        var x = torch.randn(batch, channels, frames);

        // When the network's convolution runs, and conv1d runs in float64
        var actual = EmotionNet.Convolve(x, layer).to(float64);
        var expected = nn.functional.conv1d(x.to(float64), layer.weight!.to(float64), layer.bias!.to(float64));

        // Then they agree to float32 rounding
        Assert.Equal(expected.shape, actual.shape);
        var maxDiff = (expected - actual).abs().max().item<double>();
        Assert.True(maxDiff < 1e-4, $"max diff {maxDiff}");
    }

    [Fact]
    public void Forward_RejectsWrongFeatureCount()
    {
        // Given the network and an input with 120 features per frame
        using var net = NewNet();
        using var x = torch.randn(1, 50, 120);
        using var valid = torch.tensor(new long[] { 50 });

        // When / Then it refuses with a message naming the expected shape
        var e = Assert.Throws<ArgumentException>(() => net.call(x, valid));
        Assert.Contains("121", e.Message);
    }

    [Fact]
    public void Forward_WorksWithStackedLstmLayers()
    {
        // Given a two-layer BiLSTM
        using var net = NewNet(new ModelConfig { LstmLayers = 2 });
        using var scope = torch.NewDisposeScope();

        // When it runs on clips of different valid lengths
        var logits = net.call(torch.randn(2, 60, 121), torch.tensor(new long[] { 60, 30 }));

        // Then it gives logits per clip, and the second layer reads both directions of the first
        Assert.Equal(new long[] { 2, 8 }, logits.shape);
        Assert.Equal(new long[] { 256, 128 }, net.state_dict()["lstm_backward.1.weight_ih_l0"].shape);
    }

    [Fact]
    public void PerClipNormalization_MakesOutputIndependentOfAConstantOffset()
    {
        // Given the regularized config (per-clip normalization) in eval mode
        using var net = NewNet(ModelConfig.Regularized);
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(1, 80, 121);
        var valid = torch.tensor(new long[] { 60 });
        var padMask = (torch.arange(80) >= 60).view(1, 80, 1);

        // When a per-feature offset (e.g. a louder recording) is added to the valid frames
        var shifted = (x + torch.randn(1, 1, 121) * 5).masked_fill(padMask, 0);

        // Then the logits do not change
        Assert.True(torch.allclose(net.call(x.masked_fill(padMask, 0), valid), net.call(shifted, valid), rtol: 0, atol: 1e-4));
    }

    [Fact]
    public void Validate_ListsEveryProblem()
    {
        // Given a config with three bad values
        var config = new ModelConfig { Architecture = "transformer", ConvKernel = 0, Dropout = 1.5 };

        // When / Then one exception names all of them
        var e = Assert.Throws<ArgumentException>(config.Validate);
        Assert.Contains("transformer", e.Message);
        Assert.Contains("conv_kernel", e.Message);
        Assert.Contains("dropout", e.Message);
    }
}
