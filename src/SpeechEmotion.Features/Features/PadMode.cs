using System.Text.Json.Serialization;

namespace SpeechEmotion.Features;

/// <summary>
/// How frames that reach past the ends of a clip are filled when frames are centred
/// (<c>pad_mode</c> of <c>librosa.stft</c> and <c>librosa.feature.rms</c>; numpy.pad modes).
/// </summary>
[JsonConverter(typeof(PadModeJsonConverter))]
public enum PadMode
{
    /// <summary>Zeros (<c>'constant'</c>), librosa 0.11's default.</summary>
    Constant,

    /// <summary>Repeats the first/last sample (<c>'edge'</c>).</summary>
    Edge,

    /// <summary>Mirrors the clip without repeating the end sample (<c>'reflect'</c>), librosa before 0.10.</summary>
    Reflect,
}

/// <summary>Writes <see cref="PadMode"/> as numpy spells it: <c>"constant"</c>, <c>"edge"</c>, <c>"reflect"</c>.</summary>
internal sealed class PadModeJsonConverter() : JsonStringEnumConverter<PadMode>(System.Text.Json.JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false);
