namespace SpeechEmotion.Data.Corpora;

/// <summary>Checks and lower-cases corpus names, which prefix ids (<c>name/</c>) and speakers (<c>name:</c>).</summary>
internal static class CorpusNames
{
    public static string Normalize(string name, string parameter)
    {
        var lower = name.Trim().ToLowerInvariant();
        if (lower.Length == 0 || lower.Any(c => c is '/' or '\\' or ':' || char.IsWhiteSpace(c)))
            throw new ArgumentException($"corpus name '{name}' must be non-empty without '/', '\\', ':' or spaces", parameter);
        return lower;
    }
}
