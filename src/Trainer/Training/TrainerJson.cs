using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpeechEmotion.Trainer.Training;

/// <summary>JSON settings of run configurations and reports: snake_case, indented, enums as strings, NaN allowed.</summary>
internal static class TrainerJson
{
    /// <summary>For files this program writes and reads back.</summary>
    public static JsonSerializerOptions Options { get; } = Create(strict: false);

    /// <summary>For user-written config files: an unknown (e.g. misspelt) key is an error.</summary>
    public static JsonSerializerOptions Strict { get; } = Create(strict: true);

    private static JsonSerializerOptions Create(bool strict) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };
}
