namespace SpeechEmotion.Tests.Data.Corpora;

/// <summary>A temporary folder of empty (or text) files; reading names never opens the audio.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() =>
        Root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "se-corpora-" + Guid.NewGuid().ToString("N"))).FullName;

    public string Root { get; }

    public string Touch(string relative, string content = "")
    {
        var path = Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public TempFolder With(params string[] relatives)
    {
        foreach (var r in relatives)
            Touch(r);
        return this;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
