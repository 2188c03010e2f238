using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Inference;

/// <summary>The JSON form of predictions shared by the CLI and the web API (snake_case, nulls left out).</summary>
public static class PredictionJson
{
    /// <summary>Serializer options: snake_case property names, label keys as they are, enums as snake_case strings, null members omitted.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
