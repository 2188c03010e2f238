using System.IO.Compression;
using System.Xml.Linq;

namespace SpeechEmotion.Package.Tests;

[Collection(PackedLibrariesCollection.Name)]
public sealed class LibraryPackageTests(PackedLibraries packed)
{
    [Theory]
    [InlineData("SpeechEmotion.Features")]
    [InlineData("SpeechEmotion")]
    public void Pack_WritesPackage_WithMetadataReadmeDocsAndSymbols(string id)
    {
        // Given a library packed with the test version
        using var package = ZipFile.OpenRead(packed.PackagePath(id));

        // When its manifest and files are read
        var metadata = Nuspec(package).Element(Ns(package) + "metadata")!;
        string Value(string name) => metadata.Element(Ns(package) + name)?.Value ?? "";
        var files = package.Entries.Select(e => e.FullName).ToHashSet();

        // Then it carries the metadata a feed shows, the README, the assembly with its XML docs, and a symbol package
        Assert.Equal(id, Value("id"));
        Assert.Equal(packed.Version, Value("version"));
        Assert.False(string.IsNullOrWhiteSpace(Value("description")));
        Assert.False(string.IsNullOrWhiteSpace(Value("tags")));
        Assert.Equal("expression", metadata.Element(Ns(package) + "license")?.Attribute("type")?.Value);
        Assert.Equal("MIT", Value("license"));
        Assert.StartsWith("https://", Value("projectUrl"));
        Assert.Equal("README.md", Value("readme"));
        Assert.Contains("README.md", files);
        Assert.Contains($"lib/net10.0/{id}.dll", files);
        Assert.Contains($"lib/net10.0/{id}.xml", files);
        using var symbols = ZipFile.OpenRead(packed.PackagePath(id, ".snupkg"));
        Assert.Contains($"lib/net10.0/{id}.pdb", symbols.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void SpeechEmotionPackage_DependsOnTorchSharpOnly_NotOnANativeBackend()
    {
        // Given the SpeechEmotion package
        using var package = ZipFile.OpenRead(packed.PackagePath("SpeechEmotion"));

        // When its dependencies are listed
        var dependencies = Dependencies(package);

        // Then it needs the managed TorchSharp, PureHDF (managed, for importing Keras models) and the features package
        // of the same version; the app picks the native backend
        Assert.Equal(["PureHDF", "SpeechEmotion.Features", "TorchSharp"], dependencies.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(packed.Version, dependencies["SpeechEmotion.Features"]);
    }

    [Fact]
    public void SpeechEmotionPackage_ShipsTheNativeLoadingFix_ToConsumers()
    {
        // Given the SpeechEmotion package
        using var package = ZipFile.OpenRead(packed.PackagePath("SpeechEmotion"));

        // When its buildTransitive targets are read
        var entry = package.GetEntry("buildTransitive/SpeechEmotion.targets");

        // Then they hold the step that makes TorchSharp's native library load on older Linux distributions
        Assert.NotNull(entry);
        using var reader = new StreamReader(entry.Open());
        var targets = XDocument.Parse(reader.ReadToEnd());
        Assert.Contains(targets.Root!.Elements("Target"), t => t.Attribute("AfterTargets")?.Value == "Build");
        Assert.Contains(targets.Root.Elements("UsingTask"), t => t.Attribute("TaskName")?.Value == "MarkGlibcxxVersionWeak");
    }

    [Fact]
    public void FeaturesPackage_DoesNotPullInTorchSharp()
    {
        // Given the features package (audio decoding and MFCC only)
        using var package = ZipFile.OpenRead(packed.PackagePath("SpeechEmotion.Features"));

        // When its dependencies are listed
        var dependencies = Dependencies(package);

        // Then neither TorchSharp nor a libtorch package is among them: only the managed MP3 and Ogg Vorbis decoders
        // and NAudio.Core (WAV writing)
        Assert.DoesNotContain(dependencies.Keys, id =>
            id.StartsWith("TorchSharp", StringComparison.OrdinalIgnoreCase) || id.StartsWith("libtorch", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(["NAudio.Core", "NLayer", "NVorbis"], dependencies.Keys.Order(StringComparer.Ordinal));
    }

    private static XElement Nuspec(ZipArchive package)
    {
        var entry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal) && !e.FullName.Contains('/'));
        using var stream = entry.Open();
        return XDocument.Load(stream).Root!;
    }

    private static XNamespace Ns(ZipArchive package) => Nuspec(package).Name.Namespace;

    private static Dictionary<string, string> Dependencies(ZipArchive package) =>
        Nuspec(package).Descendants(Ns(package) + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);
}
