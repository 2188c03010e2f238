using System.Text.Json;
using SpeechEmotion.Trainer.Tests.Training;

namespace SpeechEmotion.Trainer.Tests;

/// <summary><c>predict</c> over folders and lists, streaming text, a JSON array or JSON lines in input order.</summary>
public class PredictCommandTests
{
    [Fact]
    public void Folder_IsScannedForAudioBelowIt_AndJsonLinesComeInPathOrder()
    {
        // Given a folder with clips at two depths and a file that is not audio
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["clips/deeper"]);
        TestAudio.WriteWav(temp["clips/b.wav"], 16000, 0.6, seed: 1);
        TestAudio.WriteWav(temp["clips/a.wav"], 22050, 0.7, seed: 2);
        TestAudio.WriteWav(temp["clips/deeper/c.WAV"], 16000, 0.5, seed: 3);
        File.WriteAllText(temp["clips/notes.txt"], "not audio");

        // When the folder is predicted as JSON lines
        var (exit, output, error) = Cli.Run("predict", temp["clips"], "--jsonl", "--no-progress");

        // Then there is one JSON object per clip, in path order, and nothing on stderr
        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        var files = lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("file").GetString()).ToArray();
        Assert.Equal(new[] { temp["clips/a.wav"], temp["clips/b.wav"], temp["clips/deeper/c.WAV"] }, files);
        Assert.All(lines, l => Assert.True(JsonDocument.Parse(l).RootElement.TryGetProperty("label", out _)));
        Assert.Equal("", error);
    }

    [Fact]
    public void ListFile_PathsRelativeToTheList_WithCommentsAndAMissingClip_GiveAJsonArrayInOrder()
    {
        // Given a list naming two clips relative to its folder, a comment, a blank line and a missing clip
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["set"]);
        TestAudio.WriteWav(temp["set/one.wav"], 16000, 0.6, seed: 4);
        TestAudio.WriteWav(temp["set/two.wav"], 16000, 0.6, seed: 5);
        File.WriteAllText(temp["set/list.txt"], "# clips\ntwo.wav\n\nmissing.wav\none.wav\n");

        // When the list is predicted as a JSON array
        var (exit, output, error) = Cli.Run("predict", "@" + temp["set/list.txt"], "--json");

        // Then the array holds the three entries in list order, the missing one as an error; exit 1 says one failed
        Assert.Equal(1, exit);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(3, items.Length);
        Assert.Equal(temp["set/two.wav"], items[0].GetProperty("file").GetString());
        Assert.Equal(Path.Combine(temp["set"], "missing.wav") + ": file not found", items[1].GetProperty("error").GetString());
        Assert.Equal(temp["set/one.wav"], items[2].GetProperty("file").GetString());
        Assert.Equal($"error: {Path.Combine(temp["set"], "missing.wav")}: file not found", error.Trim());
    }

    [Fact]
    public void Text_ComesOneLinePerClipInArgumentOrder()
    {
        using var temp = new TempFolder();
        TestAudio.WriteWav(temp["z.wav"], 16000, 0.6, seed: 6);
        TestAudio.WriteWav(temp["y.wav"], 16000, 0.6, seed: 7);

        var (exit, output, _) = Cli.Run("predict", temp["z.wav"], temp["y.wav"]);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith(temp["z.wav"] + ": ", lines[0]);
        Assert.StartsWith(temp["y.wav"] + ": ", lines[1]);
    }

    [Theory]
    [InlineData("empty-folder", "no audio files")]
    [InlineData("@no-such-list.txt", "list file not found")]
    public void NothingToPredict_IsOneLineAndExit1(string argument, string message)
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["empty-folder"]);
        string path = argument.StartsWith('@') ? "@" + temp[argument[1..]] : temp[argument];

        var (exit, output, error) = Cli.Run("predict", path);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains(message, error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void JsonAndJsonLinesTogether_IsAUsageError()
    {
        var (exit, _, error) = Cli.Run("predict", "x.wav", "--json", "--jsonl");

        Assert.Equal(2, exit);
        Assert.Contains("--json and --jsonl cannot be combined", error);
    }
}
