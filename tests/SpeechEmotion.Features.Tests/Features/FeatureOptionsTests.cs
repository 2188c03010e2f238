using SpeechEmotion.Features;

namespace SpeechEmotion.Tests.Features;

public sealed class FeatureOptionsTests
{
    [Fact]
    public void Validate_Defaults_Pass()
    {
        new FeatureOptions().Validate();
    }

    [Fact]
    public void Validate_ListsEveryBadValueInOneMessage()
    {
        // Given options with four bad settings
        var options = new FeatureOptions { NFft = 0, DeltaWidth = 4, NMfcc = 200, Amin = -1 };

        // When validated
        var e = Assert.Throws<ArgumentException>(options.Validate);

        // Then the single message names each one with its value
        Assert.Contains("n_fft = 0", e.Message);
        Assert.Contains("delta_width = 4", e.Message);
        Assert.Contains("n_mfcc = 200", e.Message);
        Assert.Contains("amin = -1", e.Message);
    }

    [Fact]
    public void Constructor_OfExtractor_RejectsInvalidOptions()
    {
        Assert.Throws<ArgumentException>(() => new FeatureExtractor(new FeatureOptions { HopLength = 0 }));
    }

    [Fact]
    public void Json_UsesLibrosaNames_AndRoundTrips()
    {
        // Given non-default options
        var options = new FeatureOptions { NMfcc = 13, FMax = 8000, MaxFrames = null, PadMode = PadMode.Reflect };

        // When written and read back
        string json = options.ToJson();
        var back = FeatureOptions.FromJson(json);

        // Then names read like librosa keyword arguments and nothing is lost
        Assert.Contains("\"n_mfcc\":13", json);
        Assert.Contains("\"pad_mode\":\"reflect\"", json);
        Assert.Contains("\"hop_length\":512", json);
        Assert.Equal(options, back);
    }

    [Fact]
    public void FromJson_Malformed_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => FeatureOptions.FromJson("{\"n_fft\": \"big\"}"));
    }
}
