using System.Globalization;

namespace SpeechEmotion.Package.Tests;

/// <summary>
/// Packs SpeechEmotion.Features and SpeechEmotion once into a temporary folder feed, with a version of their
/// own (<c>BASE-test.TIMESTAMP</c>) so that no stale copy in the NuGet cache can stand in for them. Builds go
/// to a temporary artifacts folder, leaving the source tree's bin and obj alone.
/// </summary>
public sealed class PackedLibraries : IDisposable
{
    /// <summary>The package ids, in dependency order.</summary>
    public static readonly string[] PackageIds = ["SpeechEmotion.Features", "SpeechEmotion"];

    public PackedLibraries()
    {
        WorkDirectory = Path.Combine(Path.GetTempPath(), "se-package-tests-" + Guid.NewGuid().ToString("N")[..8]);
        Feed = Path.Combine(WorkDirectory, "feed");
        Directory.CreateDirectory(Feed);
        var baseVersion = DotNetCli.RunChecked(RepositoryLayout.Root,
            ["msbuild", RepositoryLayout.LibraryProject, "-getProperty:Version"]).Output.Trim();
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        Version = baseVersion + (baseVersion.Contains('-') ? "." : "-") + "test." + stamp;
        foreach (var project in new[] { RepositoryLayout.FeaturesProject, RepositoryLayout.LibraryProject })
        {
            PackLog.Add(DotNetCli.RunChecked(RepositoryLayout.Root,
            [
                "pack", project, "-c", "Release", "-o", Feed, $"-p:Version={Version}",
                "-p:UseArtifactsOutput=true", $"-p:ArtifactsPath={Path.Combine(WorkDirectory, "artifacts")}",
            ]));
        }
    }

    /// <summary>Temporary folder of everything these tests create.</summary>
    public string WorkDirectory { get; }

    /// <summary>The local folder feed holding the .nupkg and .snupkg files.</summary>
    public string Feed { get; }

    /// <summary>The version the packages were given.</summary>
    public string Version { get; }

    /// <summary>The pack commands and their output.</summary>
    public List<CommandResult> PackLog { get; } = [];

    /// <summary>Path of a package file in the feed.</summary>
    public string PackagePath(string id, string extension = ".nupkg") => Path.Combine(Feed, $"{id}.{Version}{extension}");

    /// <summary>Deletes the temporary folder and this version's copies in the NuGet cache (no other run uses them).</summary>
    public void Dispose()
    {
        TryDelete(WorkDirectory);
        var locals = DotNetCli.Run(RepositoryLayout.Root, ["nuget", "locals", "global-packages", "--list"]);
        var cache = locals.Output.Split(':', 2) is [_, var path] ? path.Trim() : null;
        if (locals.ExitCode != 0 || string.IsNullOrEmpty(cache)) return;
        foreach (var id in PackageIds)
            TryDelete(Path.Combine(cache, id.ToLowerInvariant(), Version.ToLowerInvariant()));
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Tests sharing one pack of the libraries.</summary>
[CollectionDefinition(Name)]
public sealed class PackedLibrariesCollection : ICollectionFixture<PackedLibraries>
{
    public const string Name = "packed libraries";
}
