namespace SpeechEmotion.Notebooks.Tests;

/// <summary>The repository's notebooks folder, found upwards from the test binaries.</summary>
internal static class NotebookFolder
{
    public static readonly string Path = Find();

    public static string Notebook(string name) => System.IO.Path.Combine(Path, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SpeechEmotion.sln")))
                return System.IO.Path.Combine(dir.FullName, "notebooks");
        }
        throw new DirectoryNotFoundException($"No SpeechEmotion.sln above {AppContext.BaseDirectory}.");
    }
}
