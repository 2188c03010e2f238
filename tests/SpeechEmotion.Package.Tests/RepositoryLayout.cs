namespace SpeechEmotion.Package.Tests;

/// <summary>Where things are in the source tree these tests were built from.</summary>
internal static class RepositoryLayout
{
    /// <summary>The folder holding SpeechEmotion.sln, found upwards from the test binaries.</summary>
    public static readonly string Root = FindRoot();

    public static string FeaturesProject => Path.Combine(Root, "src", "SpeechEmotion.Features", "SpeechEmotion.Features.csproj");

    public static string LibraryProject => Path.Combine(Root, "src", "SpeechEmotion", "SpeechEmotion.csproj");

    public static string TrainerProject => Path.Combine(Root, "src", "Trainer", "Trainer.csproj");

    public static string GoldenWav(string clip) =>
        Path.Combine(Root, "tests", "SpeechEmotion.Features.Tests", "TestData", "golden", clip + ".wav");

    /// <summary>The version Directory.Packages.props pins for <paramref name="packageId"/>.</summary>
    public static string CentralPackageVersion(string packageId) =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Single(p => p.Attribute("Include")?.Value == packageId).Attribute("Version")!.Value;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SpeechEmotion.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"No SpeechEmotion.sln above {AppContext.BaseDirectory}.");
    }
}
