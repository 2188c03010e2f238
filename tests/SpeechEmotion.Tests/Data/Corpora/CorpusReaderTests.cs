using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data.Corpora;

public class CorpusReaderTests
{
    public static TheoryData<string, string[]> Corpora => new()
    {
        { "ravdess", ["Actor_01/03-01-01-01-01-01-01.wav", "Actor_02/03-01-05-02-01-01-02.wav", "Actor_02/03-01-08-01-02-02-02.wav"] },
        { "savee", ["SAVEE/DC_a01.wav", "SAVEE/JE_n30.wav", "SAVEE/KL_su15.wav"] },
        { "turev", ["TurEV-DB/Angry/1157_kz_acik.wav", "TurEV-DB/Calm/1234_sk_ev.wav", "TurEV-DB/Sad/7895_hl_ogul1.wav"] },
        { "urdu", ["URDU/Angry/SM1_F12_A012.wav", "URDU/Happy/SF3_F1_H01.wav", "URDU/Sad/SM24_F3_S07.wav"] },
        { "tess", ["OAF_angry/OAF_back_angry.wav", "YAF_fear/YAF_bite_fear.wav", "YAF_ps/YAF_bath_ps.wav"] },
        { "emodb", ["wav/03a01Wa.wav", "wav/08a02Lb.wav", "wav/16b10Ta.wav"] },
        { "cremad", ["AudioWAV/1001_DFA_ANG_XX.wav", "AudioWAV/1002_IEO_DIS_HI.wav", "AudioWAV/1091_WSI_SAD_X.wav"] },
    };

    [Theory]
    [MemberData(nameof(Corpora))]
    public void Read_DetectsTheScheme_AndReadsEveryClip(string expected, string[] files)
    {
        // Given a folder laid out like the corpus, plus one stray file name
        using var folder = new TempFolder().With(files);
        folder.Touch("notes/readme.wav");

        // When it is read without naming the scheme
        var detected = CorpusReader.Detect(folder.Root);
        var result = CorpusReader.Read(folder.Root);

        // Then the scheme is found, every corpus file becomes an item and the stray name is one problem
        Assert.Equal(expected, detected?.Name);
        Assert.Equal(expected, result.Corpus);
        Assert.Equal(files.Order(StringComparer.Ordinal).Select(f => $"{expected}/{f}"), result.Items.Select(i => i.Id));
        Assert.All(result.Items, i => Assert.True(File.Exists(i.Path) && Path.IsPathFullyQualified(i.Path)));
        Assert.All(result.Items, i => Assert.StartsWith(expected + ":", i.Speaker));
        Assert.All(result.Items, i => Assert.Equal(expected, i.Corpus));
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("notes/readme.wav: not a ", problem);
    }

    [Fact]
    public void Read_FillsEmotionSpeakerAndGender_ForUrdu()
    {
        // Given two URDU clips
        using var folder = new TempFolder().With("Angry/SM1_F12_A012.wav", "Happy/SF3_F1_H01.wav");

        // When the folder is read
        var result = CorpusReader.Read(folder.Root, new UrduScheme());

        // Then the items carry the canonical emotion, the namespaced speaker and the gender
        Assert.Equal(
            [
                new CorpusItem("urdu/Angry/SM1_F12_A012.wav", Path.Combine(folder.Root, "Angry", "SM1_F12_A012.wav"), "angry", "urdu:SM1", "urdu") { Gender = Gender.Male },
                new CorpusItem("urdu/Happy/SF3_F1_H01.wav", Path.Combine(folder.Root, "Happy", "SF3_F1_H01.wav"), "happy", "urdu:SF3", "urdu") { Gender = Gender.Female },
            ],
            result.Items);
        Assert.Equal(["urdu:SF3", "urdu:SM1"], result.Speakers);
        Assert.Equal(new Dictionary<string, int> { ["happy"] = 1, ["angry"] = 1 }, result.CountsByEmotion);
        Assert.Empty(result.Problems);
    }

    [Fact]
    public void Read_ReportsBadNamesAndFolderDisagreement_AsProblems_WithoutThrowing()
    {
        // Given a TurEV-DB folder with good files, a file in the wrong emotion folder and a bad name
        using var folder = new TempFolder().With(
            "Angry/1157_kz_acik.wav", "Angry/1157_kz_ev.wav", "Sad/1234_hl_ev.wav", "Sad/1234_mt_ev.wav", "Sad/1234_zz_ev.wav");

        // When it is read
        var result = CorpusReader.Read(folder.Root);

        // Then the good files are items and each bad one is a one-line problem naming its relative path
        Assert.Equal("turev", result.Corpus);
        Assert.Equal(["turev/Angry/1157_kz_acik.wav", "turev/Angry/1157_kz_ev.wav", "turev/Sad/1234_hl_ev.wav"], result.Items.Select(i => i.Id));
        Assert.Equal(2, result.Problems.Count);
        Assert.StartsWith("Sad/1234_mt_ev.wav: not a TurEV-DB name (in folder Sad (sad) but its code 'mt' means happy)", result.Problems[0]);
        Assert.StartsWith("Sad/1234_zz_ev.wav: not a TurEV-DB name (expected", result.Problems[1]);
    }

    [Fact]
    public void Read_SkipsASecondCopyOfAFileName()
    {
        // Given the same SAVEE clip in two sub-folders
        using var folder = new TempFolder().With("a/DC_a01.wav", "b/DC_a01.wav", "b/DC_a02.wav");

        // When the folder is read
        var result = CorpusReader.Read(folder.Root);

        // Then the first copy is kept and the second is reported
        Assert.Equal(["savee/a/DC_a01.wav", "savee/b/DC_a02.wav"], result.Items.Select(i => i.Id));
        Assert.Equal("b/DC_a01.wav: same file name as a/DC_a01.wav (a second copy?); skipped", Assert.Single(result.Problems));
    }

    [Fact]
    public void Read_LeavesRavdessSongOut_AsOneSummaryProblem_UnlessAsked()
    {
        // Given RAVDESS speech and song clips
        using var folder = new TempFolder().With(
            "03-01-01-01-01-01-01.wav", "03-02-03-01-01-01-01.wav", "03-02-04-01-01-01-01.wav");

        // When it is read with the default scheme and with songs included
        var speech = CorpusReader.Read(folder.Root);
        var all = CorpusReader.Read(folder.Root, new RavdessScheme(includeSong: true));

        // Then songs are one summary line by default, and items when asked for
        Assert.Single(speech.Items);
        Assert.StartsWith("2 file(s): RAVDESS song clips", Assert.Single(speech.Problems));
        Assert.Equal(3, all.Items.Count);
        Assert.Empty(all.Problems);
    }

    [Fact]
    public void Read_RefusesAFolderOfRandomNames_WithAnActionableMessage()
    {
        // Given a folder whose .wav names follow no scheme (one SAVEE name among three strangers)
        using var folder = new TempFolder().With("one.wav", "two.WAV", "sub/three.wav", "DC_a01.wav");

        // When it is read without a scheme
        var error = Assert.Throws<InvalidDataException>(() => CorpusReader.Read(folder.Root));

        // Then detection refuses it, naming the folder, the known schemes and the ways out
        Assert.Null(CorpusReader.Detect(folder.Root));
        Assert.Equal(
            $"{folder.Root}: file names match no known scheme (ravdess, savee, turev, urdu, tess, emodb, cremad); pass NAME=DIR or a CSV manifest",
            error.Message);
    }

    [Fact]
    public void Read_WithAnExplicitScheme_ReportsEveryMismatch_AndNeverThrows()
    {
        // Given random names read as SAVEE on purpose
        using var folder = new TempFolder().With("one.wav", "two.wav");

        // When the folder is read with the scheme named
        var result = CorpusReader.Read(folder.Root, new SaveeScheme());

        // Then nothing is usable, and every file plus the empty result is a problem
        Assert.Empty(result.Items);
        Assert.Equal(3, result.Problems.Count);
        Assert.StartsWith("no usable SAVEE .wav files under ", result.Problems[2]);
    }

    [Fact]
    public void Read_ThrowsDirectoryNotFound_ForAMissingFolder()
    {
        var missing = Path.Combine(Path.GetTempPath(), "se-corpora-missing-" + Guid.NewGuid().ToString("N"));
        var error = Assert.Throws<DirectoryNotFoundException>(() => CorpusReader.Read(missing));
        Assert.Equal($"{missing}: corpus folder not found", error.Message);
    }

    [Fact]
    public void Read_NamespacesSpeakers_SoTwoCorporaWithSpeaker01StayDistinct()
    {
        // Given a RAVDESS actor 01 and a manifest corpus whose speaker is also "01"
        using var ravdess = new TempFolder().With("03-01-01-01-01-01-01.wav");
        using var other = new TempFolder().With("clips/a.wav");
        var manifest = other.Touch("mine.csv", "path,label,speaker\nclips/a.wav,happy,01\n");

        // When both are read and their speakers pooled
        var speakers = CorpusReader.Read(ravdess.Root).Items.Concat(CorpusManifestReader.Read(manifest).Items)
            .Select(i => i.Speaker).ToArray();

        // Then the two speakers differ
        Assert.Equal(["ravdess:01", "mine:01"], speakers);
    }

    [Fact]
    public void Read_UsesTheGivenCorpusName_ForIdsAndSpeakers()
    {
        using var folder = new TempFolder().With("DC_a01.wav");
        var item = Assert.Single(CorpusReader.Read(folder.Root, corpusName: "Savee-Copy").Items);
        Assert.Equal(("savee-copy/DC_a01.wav", "savee-copy:DC", "savee-copy"), (item.Id, item.Speaker, item.Corpus));
    }
}
