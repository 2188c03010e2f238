using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data;

public class RavdessCorpusTests
{
    [Fact]
    public void Scan_ReportsBadNamesMissingActorsAndMissingClips_WithoutThrowing()
    {
        // Given actors 1 and 2 complete, actor 3 missing two clips, actors 4-24 absent, and two stray files
        using var corpus = new SyntheticCorpus().AddCompleteActors([1, 2, 3]);
        File.Delete(Path.Combine(corpus.Directory, "Actor_03", "03-01-05-02-01-01-03.wav"));
        File.Delete(Path.Combine(corpus.Directory, "Actor_03", "03-01-08-01-02-02-03.wav"));
        corpus.AddFile("Actor_01/03-01-01-01-01-01.wav", [1, 2, 3]);
        corpus.AddFile("Actor_02/notes.txt", [1]);

        // When the folder is scanned
        var scan = RavdessCorpus.Scan(corpus.Directory);

        // Then the usable clips are kept and each problem is one line naming the file or what is missing
        Assert.Equal(178, scan.Utterances.Count);
        Assert.Equal([1, 2, 3], scan.Actors);
        Assert.Contains(scan.Problems, p => p.Contains("03-01-01-01-01-01.wav") && p.Contains("not a RAVDESS name"));
        Assert.Contains(scan.Problems, p => p.StartsWith("missing actors") && p.Contains("04, 05") && p.Contains("24"));
        Assert.Contains(scan.Problems, p => p.StartsWith("actor 03: 58 of 60")
            && p.Contains("03-01-05-02-01-01-03.wav") && p.Contains("03-01-08-01-02-02-03.wav"));
        Assert.DoesNotContain(scan.Problems, p => p.StartsWith("actor 01") || p.StartsWith("actor 02") || p.Contains("notes.txt"));
    }

    [Fact]
    public void Scan_OfAFolderWithoutClips_ReportsNothingUsable()
    {
        // Given a folder holding only the zip archive
        using var corpus = new SyntheticCorpus();
        corpus.AddFile("Audio_Speech_Actors_01-24.zip", [0x50, 0x4b]);

        // When scanned
        var scan = RavdessCorpus.Scan(corpus.Directory);

        // Then no utterance is found and the one problem says so and points at the archive
        Assert.Empty(scan.Utterances);
        var problem = Assert.Single(scan.Problems);
        Assert.Contains("no usable RAVDESS .wav files", problem);
        Assert.Contains("Audio_Speech_Actors_01-24.zip", problem);
    }

    [Fact]
    public void Scan_OfAMissingFolder_ThrowsWithTheDownloadHint()
    {
        var error = Assert.Throws<DirectoryNotFoundException>(() => RavdessCorpus.Scan("/nonexistent/ravdess"));
        Assert.Contains("/nonexistent/ravdess", error.Message);
        Assert.Contains("download-ravdess.sh", error.Message);
    }

    [Fact]
    public void Scan_LeavesOutSongUnlessAsked_AndSkipsDuplicateNames()
    {
        // Given speech and song clips of actor 1, and a second copy of one speech clip in another folder
        using var corpus = new SyntheticCorpus().AddCompleteActors([1]);
        var song = Utterance.FormatFileName(3, VocalChannel.Song, 3, 1, 1, 1, 1);
        SyntheticCorpus.WriteTone(Path.Combine(corpus.Directory, "Actor_01", song), 300, 0.1, 22050, 1);
        SyntheticCorpus.WriteTone(Path.Combine(corpus.Directory, "originals", "Actor_01", "03-01-02-01-01-01-01.wav"), 300, 0.1, 48000, 1);
        var options = new RavdessScanOptions { ExpectedActors = [1] };

        // When scanned with and without song
        var speechOnly = RavdessCorpus.Scan(corpus.Directory, options);
        var withSong = RavdessCorpus.Scan(corpus.Directory, options with { IncludeSong = true });

        // Then song is counted but left out by default, and the duplicate name is reported once and skipped
        Assert.Equal(60, speechOnly.Utterances.Count);
        Assert.Equal(1, speechOnly.SkippedSongClips);
        Assert.All(speechOnly.Utterances, u => Assert.Equal(VocalChannel.Speech, u.Channel));
        Assert.Equal(61, withSong.Utterances.Count);
        Assert.Contains(withSong.Utterances, u => u.Channel == VocalChannel.Song);
        var duplicate = Assert.Single(speechOnly.Problems);
        Assert.Contains("same name as", duplicate);
    }

    [Fact]
    public void Scan_NotesAClipInTheWrongActorFolder_AndTrustsItsName()
    {
        using var corpus = new SyntheticCorpus().AddCompleteActors([1, 2]);
        File.Move(Path.Combine(corpus.Directory, "Actor_02", "03-01-04-01-01-01-02.wav"),
            Path.Combine(corpus.Directory, "Actor_01", "03-01-04-01-01-01-02.wav"));

        var scan = RavdessCorpus.Scan(corpus.Directory, new RavdessScanOptions { ExpectedActors = [1, 2] });

        Assert.Equal(120, scan.Utterances.Count);
        var problem = Assert.Single(scan.Problems);
        Assert.Contains("in folder Actor_01 but named for actor 02", problem);
    }

    [Fact]
    public void ExpectedSpeechFileNames_GivesSixtyDistinctNames_WithNeutralOnlyAtNormalIntensity()
    {
        var names = RavdessCorpus.ExpectedSpeechFileNames(7).ToArray();
        Assert.Equal(60, names.Distinct().Count());
        var parsed = names.Select(Utterance.Parse).ToArray();
        Assert.Equal(4, parsed.Count(u => u.Emotion == 1));
        Assert.All(parsed.Where(u => u.Emotion > 1).GroupBy(u => u.Emotion), g => Assert.Equal(8, g.Count()));
        Assert.All(parsed, u => Assert.Equal(7, u.Actor));
    }
}
