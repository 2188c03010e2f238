using SpeechEmotion.Data;
using SpeechEmotion.Data.Corpora;

namespace SpeechEmotion.Tests.Data;

public class UtteranceTests
{
    [Fact]
    public void Parse_ReadsEveryField_FromARavdessName()
    {
        // Given a full path to a strong, sung "happy" clip of actor 12
        var path = Path.Combine("corpus", "Actor_12", "03-02-03-02-01-02-12.wav");

        // When it is parsed
        var u = Utterance.Parse(path);

        // Then every field of the name is decoded, the actor (even) is female and the label is emotion - 1
        Assert.Equal(path, u.Path);
        Assert.Equal(3, u.Modality);
        Assert.Equal(VocalChannel.Song, u.Channel);
        Assert.Equal(3, u.Emotion);
        Assert.Equal(2, u.Label);
        Assert.Equal(2, u.Intensity);
        Assert.Equal(1, u.Statement);
        Assert.Equal(2, u.Repetition);
        Assert.Equal(12, u.Actor);
        Assert.Equal(Gender.Female, u.Gender);
        Assert.Equal("03-02-03-02-01-02-12.wav", u.FileName);
    }

    [Theory]
    [InlineData("03-01-01-01-01-01-01.wav", Gender.Male)]
    [InlineData("03-01-08-02-02-02-24.WAV", Gender.Female)]
    public void Parse_GivesMaleForOddActors_FemaleForEven(string name, Gender expected) =>
        Assert.Equal(expected, Utterance.Parse(name).Gender);

    [Theory]
    [InlineData("03-01-01-01-01-01.wav", "found 6")]
    [InlineData("03-01-01-01-01-01-01-01.wav", "found 8")]
    [InlineData("03-01-09-01-01-01-01.wav", "emotion 09 is outside 01-08")]
    [InlineData("03-01-01-01-01-01-25.wav", "actor 25 is outside 01-24")]
    [InlineData("03-01-01-01-01-01-00.wav", "actor 00 is outside 01-24")]
    [InlineData("03-03-01-01-01-01-01.wav", "vocal channel 03")]
    [InlineData("03-01-0x-01-01-01-01.wav", "emotion field '0x' is not two digits")]
    [InlineData("3-01-01-01-01-01-01.wav", "modality field '3' is not two digits")]
    [InlineData("03-01-01-02-01-01-01.wav", "neutral (emotion 01) has no strong intensity")]
    [InlineData("03-01-01-01-01-01-01.mp3", "not a .wav file")]
    [InlineData("readme.wav", "found 1")]
    public void TryParse_RejectsBadNames_WithTheReason(string name, string reason)
    {
        // When a name that breaks the scheme is parsed
        var ok = Utterance.TryParse(name, out _, out var problem);

        // Then it is refused and the reason names the bad field
        Assert.False(ok);
        Assert.Contains(reason, problem);
        var error = Assert.Throws<FormatException>(() => Utterance.Parse(name));
        Assert.StartsWith(name + ": ", error.Message);
    }

    [Fact]
    public void FormatFileName_RoundTripsThroughParse()
    {
        var name = Utterance.FormatFileName(3, VocalChannel.Speech, 5, 2, 2, 1, 7);
        Assert.Equal("03-01-05-02-02-01-07.wav", name);
        var u = Utterance.Parse(name);
        Assert.Equal((5, 2, 2, 1, 7), (u.Emotion, u.Intensity, u.Statement, u.Repetition, u.Actor));
    }
}
