namespace SpeechEmotion.Trainer.Tests.Training;

/// <summary>Every mistyped command line ends with exit 2 and one line, never a stack trace.</summary>
public class ParseErrorTests
{
    [Theory]
    [InlineData("--hop", "a number", "predict", "{wav}", "--hop", "abc")]
    [InlineData("--epochs", "a whole number", "train", "--epochs", "abc")]
    [InlineData("--threads", "a whole number", "extract", "{dir}", "--out", "{dir}/x.bin", "--threads", "abc")]
    [InlineData("--runs", "a whole number", "bench-predict", "{wav}", "--runs", "abc")]
    [InlineData("--steps", "a whole number", "bench-train", "--steps", "abc")]
    [InlineData("--limit", "a whole number", "bench-features", "{dir}", "--limit", "abc")]
    [InlineData("--batch-size", "a whole number", "evaluate", "--model", "{wav}", "--batch-size", "x1")]
    public void NonNumber_ForANumericOption_IsOneUsageLine(string option, string expected, params string[] args)
    {
        // Given a numeric option followed by a word
        using var temp = new TempFolder();
        var wav = temp["a.wav"];
        TestAudio.WriteWav(wav, 16000, 0.3, seed: 1);
        args = args.Select(a => a.Replace("{wav}", wav).Replace("{dir}", temp.Path)).ToArray();

        // When the command line is parsed
        var (exit, output, err) = Cli.Run(args);

        // Then it is a usage error on one line that names the option and the bad value
        Assert.Equal(2, exit);
        Assert.Equal("", output);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: ", line);
        Assert.Contains($"{option} expects {expected}", line);
        Assert.DoesNotContain("   at ", err);
        Assert.DoesNotContain("System.", err);
    }

    [Fact]
    public void UnknownOption_BeforeAFile_IsAnUnknownOptionNotAMissingFile()
    {
        using var temp = new TempFolder();
        var wav = temp["a.wav"];
        TestAudio.WriteWav(wav, 16000, 0.3, seed: 1);

        var (exit, _, err) = Cli.Run("predict", "--bogus", wav);

        Assert.Equal(2, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("unknown option '--bogus'", line);
        Assert.DoesNotContain("not found", line);
    }

    [Fact]
    public void FileNamedLikeAnOption_StillWorks_WhenItExists()
    {
        using var temp = new TempFolder();
        var wav = temp["-dash.wav"];
        TestAudio.WriteWav(wav, 16000, 0.3, seed: 1);
        var previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = temp.Path;
        try
        {
            var (exit, output, _) = Cli.Run("predict", "-dash.wav");
            Assert.Equal(0, exit);
            Assert.Contains("-dash.wav:", output);
        }
        finally
        {
            Environment.CurrentDirectory = previous;
        }
    }

    [Fact]
    public void CudaDevice_WithoutCuda_IsOneLineWithoutTheParameterName()
    {
        if (TorchSharp.torch.cuda.is_available())
            return;   // the machine has CUDA: nothing to refuse
        using var temp = new TempFolder();
        var wav = temp["a.wav"];
        TestAudio.WriteWav(wav, 16000, 0.3, seed: 1);

        var (exit, _, err) = Cli.Run("predict", wav, "--device", "cuda");

        Assert.Equal(1, exit);
        var line = Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("CUDA is not available", line);
        Assert.DoesNotContain("(Parameter", line);
    }
}
