using System.Text.Json;

namespace SpeechEmotion.Package.Tests;

/// <summary>The <c>TorchBackend</c> build property picks the TorchSharp native package of apps and tests.</summary>
public sealed class TorchBackendSelectionTests
{
    private static readonly string[] Backends = ["TorchSharp-cpu", "TorchSharp-cuda-linux", "TorchSharp-cuda-windows"];

    [Theory]
    [InlineData("cpu", "TorchSharp-cpu")]
    [InlineData("cuda", "TorchSharp-cuda-")]
    public void TorchBackend_SelectsOneNativePackage(string backend, string expectedPrefix)
    {
        // Given the Trainer app and a backend choice
        // When MSBuild lists the package references it would restore
        var references = PackageReferences($"-p:TorchBackend={backend}");

        // Then exactly one backend package is referenced: the one for that backend (and, for CUDA, this OS)
        var chosen = Assert.Single(references, Backends.Contains);
        Assert.StartsWith(expectedPrefix, chosen);
        if (backend == "cuda")
            Assert.Equal(OperatingSystem.IsWindows() ? "TorchSharp-cuda-windows" : "TorchSharp-cuda-linux", chosen);
    }

    [Fact]
    public void TorchBackend_DefaultsToCpu()
    {
        // Given no TorchBackend property
        // When MSBuild lists the Trainer's package references
        var references = PackageReferences();

        // Then the CPU backend is used
        Assert.Equal("TorchSharp-cpu", Assert.Single(references, Backends.Contains));
    }

    [Fact]
    public void TorchBackend_InvalidValue_FailsWithAClearMessage()
    {
        // Given a backend name that does not exist
        // When the Trainer's package references are collected (the first step of a restore)
        var result = DotNetCli.Run(RepositoryLayout.Root,
            ["msbuild", RepositoryLayout.TrainerProject, "-t:CollectPackageReferences", "-p:TorchBackend=gpu", "-nologo"]);

        // Then the build fails and says which values are allowed and what it got
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("TorchBackend must be 'cpu' or 'cuda' (got 'gpu')", result.Output);
    }

    private static List<string> PackageReferences(params string[] properties)
    {
        var result = DotNetCli.RunChecked(RepositoryLayout.Root,
            ["msbuild", RepositoryLayout.TrainerProject, "-getItem:PackageReference", "-t:CollectPackageReferences", .. properties]);
        using var json = JsonDocument.Parse(result.Output);
        return json.RootElement.GetProperty("Items").GetProperty("PackageReference").EnumerateArray()
            .Select(i => i.GetProperty("Identity").GetString()!).ToList();
    }
}
