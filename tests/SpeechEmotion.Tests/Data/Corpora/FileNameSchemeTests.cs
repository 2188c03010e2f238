using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data.Corpora;

public class FileNameSchemeTests
{
    public static TheoryData<string, string, string?, string, string, Gender?> GoodNames => new()
    {
        // scheme, file name, parent folder, emotion, speaker, gender
        { "ravdess", "03-01-01-01-01-01-01.wav", "Actor_01", "neutral", "01", Gender.Male },
        { "ravdess", "03-01-02-01-01-01-02.wav", null, "calm", "02", Gender.Female },
        { "ravdess", "03-01-03-02-01-01-03.WAV", null, "happy", "03", Gender.Male },
        { "ravdess", "03-01-04-01-01-01-04.wav", null, "sad", "04", Gender.Female },
        { "ravdess", "03-01-05-01-01-01-05.wav", null, "angry", "05", Gender.Male },
        { "ravdess", "03-01-06-01-01-01-06.wav", null, "fearful", "06", Gender.Female },
        { "ravdess", "03-01-07-01-01-01-07.wav", null, "disgust", "07", Gender.Male },
        { "ravdess", "03-01-08-01-01-01-24.wav", null, "surprised", "24", Gender.Female },
        { "savee", "DC_a01.wav", "SAVEE", "angry", "DC", Gender.Male },
        { "savee", "JE_d15.wav", null, "disgust", "JE", Gender.Male },
        { "savee", "JK_f02.WAV", null, "fearful", "JK", Gender.Male },
        { "savee", "KL_h03.wav", null, "happy", "KL", Gender.Male },
        { "savee", "DC_n30.wav", null, "neutral", "DC", Gender.Male },
        { "savee", "DC_sa01.wav", null, "sad", "DC", Gender.Male },
        { "savee", "DC_su01.wav", null, "surprised", "DC", Gender.Male },
        { "turev", "1157_kz_acik.wav", "Angry", "angry", "1157", null },
        { "turev", "7895_hl_ogul1.wav", "Sad", "sad", "7895", null },
        { "turev", "1234_mt_ev.WAV", "happy", "happy", "1234", null },
        { "turev", "1234_sk_su_yolu.wav", "Calm", "calm", "1234", null },
        { "turev", "1234_sk_ev.wav", "TurEV-DB", "calm", "1234", null },
        { "urdu", "SM1_F12_A012.wav", "Angry", "angry", "SM1", Gender.Male },
        { "urdu", "SF3_F1_H01.wav", "Happy", "happy", "SF3", Gender.Female },
        { "urdu", "SM5_F7_N0100.wav", "Neutral", "neutral", "SM5", Gender.Male },
        { "urdu", "SF10_F2_S05.WAV", null, "sad", "SF10", Gender.Female },
        { "tess", "OAF_back_angry.wav", "OAF_angry", "angry", "OAF", Gender.Female },
        { "tess", "YAF_bite_disgust.wav", null, "disgust", "YAF", Gender.Female },
        { "tess", "yaf_germ_Fear.wav", null, "fearful", "YAF", Gender.Female },
        { "tess", "OAF_back_happy.wav", null, "happy", "OAF", Gender.Female },
        { "tess", "OAF_back_neutral.WAV", null, "neutral", "OAF", Gender.Female },
        { "tess", "YAF_bath_ps.wav", "YAF_pleasant_surprised", "surprised", "YAF", Gender.Female },
        { "tess", "OAF_back_sad.wav", null, "sad", "OAF", Gender.Female },
        { "emodb", "03a01Wa.wav", null, "angry", "03", Gender.Male },
        { "emodb", "08a02Lb.wav", null, "boredom", "08", Gender.Female },
        { "emodb", "09b03Ec.wav", null, "disgust", "09", Gender.Female },
        { "emodb", "10a04Ad.wav", null, "fearful", "10", Gender.Male },
        { "emodb", "11b09Fa.WAV", null, "happy", "11", Gender.Male },
        { "emodb", "16b10Ta.wav", null, "sad", "16", Gender.Female },
        { "emodb", "15a05Na.wav", "wav", "neutral", "15", Gender.Male },
        { "cremad", "1001_DFA_ANG_XX.wav", "AudioWAV", "angry", "1001", null },
        { "cremad", "1002_IEO_DIS_HI.wav", null, "disgust", "1002", null },
        { "cremad", "1003_IEO_FEA_LO.wav", null, "fearful", "1003", null },
        { "cremad", "1004_ITS_HAP_MD.WAV", null, "happy", "1004", null },
        { "cremad", "1005_TIE_NEU_XX.wav", null, "neutral", "1005", null },
        { "cremad", "1091_WSI_SAD_X.wav", null, "sad", "1091", null },
    };

    [Theory]
    [MemberData(nameof(GoodNames))]
    public void TryParse_ReadsEmotionSpeakerAndGender_FromAGoodName(
        string scheme, string fileName, string? folder, string emotion, string speaker, Gender? gender)
    {
        // Given a well-formed name of the scheme's corpus
        var s = FileNameSchemes.Find(scheme);

        // When it is parsed
        var ok = s.TryParse(fileName, folder, out var parsed, out var problem);

        // Then the canonical emotion, the local speaker id and the gender come out
        Assert.True(ok, problem);
        Assert.Equal(new ParsedName(emotion, speaker, gender), parsed);
        Assert.Contains(parsed.Emotion, EmotionVocabulary.All);
    }

    [Theory]
    [InlineData("ravdess", "03-01-09-01-01-01-01.wav", "emotion 09")]
    [InlineData("ravdess", "01-01-01-01-01-01-01.wav", "not audio-only")]
    [InlineData("ravdess", "03-02-01-01-01-01-01.wav", "song")]
    [InlineData("ravdess", "03-01-01-01-01-01-01.mp3", "not a .wav")]
    [InlineData("savee", "DC_x01.wav", "expected SPK_EMONN")]
    [InlineData("savee", "dc_a01.wav", "expected SPK_EMONN")]
    [InlineData("savee", "DC_a1.wav", "expected SPK_EMONN")]
    [InlineData("turev", "1157_xx_acik.wav", "expected SPK_EMO_word")]
    [InlineData("turev", "abc_kz_acik.wav", "expected SPK_EMO_word")]
    [InlineData("urdu", "SX1_F12_A012.wav", "expected S{M|F}")]
    [InlineData("urdu", "SM1_F12_B012.wav", "expected S{M|F}")]
    [InlineData("tess", "MAF_back_angry.wav", "expected OAF|YAF")]
    [InlineData("tess", "OAF_back_bored.wav", "expected OAF|YAF")]
    [InlineData("emodb", "03a01Xa.wav", "expected SSa01Ev")]
    [InlineData("emodb", "04a01Wa.wav", "speaker 04 is not an EmoDB speaker")]
    [InlineData("cremad", "1001_DFA_CAL_XX.wav", "expected NNNN_SEN_EMO_LVL")]
    [InlineData("cremad", "1001_DFA_ANG_ZZ.wav", "expected NNNN_SEN_EMO_LVL")]
    [InlineData("cremad", "1001_DFA_ANG_XX.flac", "not a .wav")]
    public void TryParse_RefusesABadName_WithAOneLineReason(string scheme, string fileName, string reason)
    {
        // When a name that breaks the scheme is parsed
        var ok = FileNameSchemes.Find(scheme).TryParse(fileName, null, out _, out var problem);

        // Then it is refused with the reason
        Assert.False(ok);
        Assert.Contains(reason, problem);
        Assert.DoesNotContain('\n', problem);
    }

    [Theory]
    [InlineData("turev", "1157_kz_acik.wav", "Sad")]
    [InlineData("turev", "1234_sk_ev.wav", "Happy")]
    [InlineData("urdu", "SM1_F12_A012.wav", "Neutral")]
    [InlineData("urdu", "SF3_F1_H01.wav", "sad")]
    public void TryParse_RefusesAName_WhoseEmotionFolderDisagrees(string scheme, string fileName, string folder)
    {
        // Given a file whose emotion folder names another emotion than its code
        // When it is parsed
        var ok = FileNameSchemes.Find(scheme).TryParse(fileName, folder, out _, out var problem);

        // Then it is refused and the problem names the folder
        Assert.False(ok);
        Assert.Contains($"in folder {folder}", problem);
    }

    [Fact]
    public void RavdessScheme_AcceptsSong_OnlyWhenAsked()
    {
        // Given a sung clip
        const string song = "03-02-03-01-01-01-12.wav";

        // When the default and the song-including schemes parse it
        var speechOnly = new RavdessScheme().TryParse(song, null, out _, out _);
        var withSong = new RavdessScheme(includeSong: true).TryParse(song, null, out var parsed, out _);

        // Then only the second accepts it
        Assert.False(speechOnly);
        Assert.True(withSong);
        Assert.Equal(new ParsedName("happy", "12", Gender.Female), parsed);
    }

    [Fact]
    public void All_HasTheSevenSchemes_WithNamesDisplayNamesAndLicences()
    {
        // When the known schemes are listed
        var all = FileNameSchemes.All;

        // Then there are seven, with the documented names and a one-line licence each
        Assert.Equal(["ravdess", "savee", "turev", "urdu", "tess", "emodb", "cremad"], all.Select(s => s.Name));
        Assert.Equal(["RAVDESS", "SAVEE", "TurEV-DB", "URDU", "TESS", "EmoDB", "CREMA-D"], all.Select(s => s.DisplayName));
        Assert.All(all, s => Assert.False(string.IsNullOrWhiteSpace(s.Licence) || s.Licence.Contains('\n')));
        Assert.Contains("CC BY-NC-SA 4.0", all[0].Licence);
        Assert.Contains("GPL-3.0", all[2].Licence);
        Assert.Contains("ODbL", all[6].Licence);
    }

    [Theory]
    [InlineData("SAVEE", "savee")]
    [InlineData("emo-db", "emodb")]
    [InlineData("Berlin", "emodb")]
    [InlineData("emodb", "emodb")]
    [InlineData("crema-d", "cremad")]
    [InlineData("CremaD", "cremad")]
    [InlineData("turev-db", "turev")]
    [InlineData("TurEV", "turev")]
    [InlineData("tess", "tess")]
    public void Find_AcceptsNamesAndAliases_InAnyCase(string name, string expected) =>
        Assert.Equal(expected, FileNameSchemes.Find(name).Name);

    [Fact]
    public void Find_ThrowsListingTheKnownNames_ForAnUnknownName()
    {
        // When an unknown scheme is asked for
        var error = Assert.Throws<ArgumentException>(() => FileNameSchemes.Find("iemocap"));

        // Then the message names it and lists the known ones
        Assert.Contains("'iemocap'", error.Message);
        Assert.Contains("ravdess, savee, turev, urdu, tess, emodb, cremad", error.Message);
    }

    [Theory]
    [InlineData("Anger", "angry")]
    [InlineData(" happiness ", "happy")]
    [InlineData("sadness", "sad")]
    [InlineData("fear", "fearful")]
    [InlineData("surprise", "surprised")]
    [InlineData("ps", "surprised")]
    [InlineData("disgusted", "disgust")]
    [InlineData("NEUTRAL", "neutral")]
    [InlineData("boredom", "boredom")]
    public void Normalize_MapsAliasesToCanonicalNames(string label, string expected) =>
        Assert.Equal(expected, EmotionVocabulary.Normalize(label));

    [Theory]
    [InlineData("contempt")]
    [InlineData("calmness")]
    [InlineData("")]
    public void Normalize_ReturnsNull_ForUnknownLabels(string label) =>
        Assert.Null(EmotionVocabulary.Normalize(label));
}
