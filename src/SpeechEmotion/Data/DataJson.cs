using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Data;

/// <summary>JSON settings of the data files (split manifests): snake_case names, enums as strings, unknown members rejected.</summary>
internal static class DataJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
