using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Modeling;

/// <summary>JSON settings of manifests, checkpoints and metrics: snake_case, indented, NaN allowed.</summary>
internal static class ModelJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
