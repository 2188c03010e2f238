using System.Security;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace SpeechEmotion.Package.Tests;

/// <summary>A fresh console app outside the repository that uses the packed SpeechEmotion package as a user would.</summary>
[Collection(PackedLibrariesCollection.Name)]
public sealed partial class ConsumerAppTests(PackedLibraries packed, ITestOutputHelper output)
{
    /// <summary>The backend the README tells users to add next to SpeechEmotion, in the version the solution uses.</summary>
    private static readonly string TorchSharpCpuVersion = RepositoryLayout.CentralPackageVersion("TorchSharp-cpu");

    [Fact]
    public void ConsumerApp_WithPackageAndCpuBackend_PredictsAGoldenClip()
    {
        // Given a console project in a temp folder that references SpeechEmotion from the local feed and TorchSharp-cpu,
        // with the feed added to the machine's package sources
        var app = Path.Combine(packed.WorkDirectory, "consumer");
        Directory.CreateDirectory(app);
        var sources = MachinePackageSources(app);
        File.WriteAllText(Path.Combine(app, "nuget.config"), NuGetConfig(packed.Feed, sources));
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), ConsumerProject(packed.Version));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "ConsumerApp", "Program.cs"), Path.Combine(app, "Program.cs"));
        var wav = Path.Combine(app, "speech.wav");
        File.Copy(RepositoryLayout.GoldenWav("speech_48k_s16"), wav);

        // When it is restored, built and run on a WAV file
        var steps = new[]
        {
            DotNetCli.RunChecked(app, ["restore"]),
            DotNetCli.RunChecked(app, ["build", "--no-restore", "-c", "Release"]),
        };
        var run = DotNetCli.Run(app, [Path.Combine("bin", "Release", "net10.0", "Consumer.dll"), wav]);
        foreach (var step in packed.PackLog.Concat(steps).Append(run))
            output.WriteLine($"{step.CommandLine}: {step.Elapsed.TotalSeconds:F1} s");

        // Then it exits cleanly and prints one of the bundled model's labels, whose probabilities sum to 1
        Assert.True(run.ExitCode == 0, run.ToString());
        var labels = Line(run, "labels").Split(',');
        Assert.Equal(8, labels.Length);
        Assert.Contains(Line(run, "label"), labels);
        Assert.Equal(1.0, double.Parse(Line(run, "probability sum"), System.Globalization.CultureInfo.InvariantCulture), 3);
        output.WriteLine(run.Output);
    }

    /// <summary>The enabled sources NuGet uses on this machine, by name (so stored credentials still match).</summary>
    private static List<(string Name, string Url)> MachinePackageSources(string directory)
    {
        var listed = DotNetCli.RunChecked(directory, ["nuget", "list", "source"]);
        var sources = new List<(string, string)>();
        var lines = listed.Output.Split('\n', StringSplitOptions.TrimEntries);
        for (int i = 0; i + 1 < lines.Length; i++)
        {
            var m = SourceLine().Match(lines[i]);
            if (m.Success && m.Groups["state"].Value == "Enabled") sources.Add((m.Groups["name"].Value, lines[i + 1]));
        }
        Assert.True(sources.Count > 0, "No enabled NuGet source on this machine:\n" + listed);
        return sources;
    }

    private static string NuGetConfig(string feed, IEnumerable<(string Name, string Url)> sources) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="speech-emotion-test-feed" value="{SecurityElement.Escape(feed)}" />
        {string.Concat(sources.Select(s => $"    <add key=\"{SecurityElement.Escape(s.Name)}\" value=\"{SecurityElement.Escape(s.Url)}\" />\n"))}  </packageSources>
        </configuration>
        """;

    private static string ConsumerProject(string version) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="SpeechEmotion" Version="{version}" />
            <PackageReference Include="TorchSharp-cpu" Version="{TorchSharpCpuVersion}" />
          </ItemGroup>
        </Project>
        """;

    private static string Line(CommandResult run, string key)
    {
        var prefix = key + ": ";
        var line = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
        Assert.True(line is not null, $"No '{prefix}' line in the output:\n{run}");
        return line[prefix.Length..];
    }

    [GeneratedRegex(@"^\d+\.\s+(?<name>.+?)\s+\[(?<state>Enabled|Disabled)\]$")]
    private static partial Regex SourceLine();
}
