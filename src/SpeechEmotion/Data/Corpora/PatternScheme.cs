using System.Text.RegularExpressions;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// A naming scheme that one regular expression reads: the speaker and an emotion code, which a table turns into
/// an emotion. Subclasses give the pattern, the table and where the parts are; the parsing is here once.
/// </summary>
public abstract class PatternScheme : FileNameScheme
{
    /// <summary>The pattern of a file name without its extension.</summary>
    private protected abstract Regex Pattern { get; }

    /// <summary>Emotion code (as the pattern captures it) to canonical emotion.</summary>
    private protected abstract IReadOnlyDictionary<string, string> Codes { get; }

    /// <summary>The problem reported for a name the pattern does not match: the expected form with an example.</summary>
    private protected abstract string ExpectedForm { get; }

    /// <summary>The emotion code in a match.</summary>
    private protected abstract string CodeOf(Match match);

    /// <summary>The speaker's local id in a match (not namespaced).</summary>
    private protected abstract string SpeakerOf(Match match);

    /// <summary>The speaker's gender, when the scheme tells.</summary>
    private protected virtual Gender? GenderOf(Match match) => null;

    /// <summary>Whether an emotion-named parent folder must agree with the code.</summary>
    private protected virtual bool ChecksFolder => true;

    /// <summary>A problem with a matching name (e.g. an unknown speaker), or null.</summary>
    private protected virtual string? ProblemWith(Match match) => null;

    /// <inheritdoc/>
    public sealed override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        parsed = default;
        if (!TryStem(fileName, out var stem, out problem))
            return false;
        var match = Pattern.Match(stem);
        if (!match.Success)
        {
            problem = ExpectedForm;
            return false;
        }
        if (ProblemWith(match) is { } bad)
        {
            problem = bad;
            return false;
        }
        var code = CodeOf(match);
        var emotion = Codes[code];
        if (ChecksFolder && !FolderAgrees(parentFolder, emotion, code, out problem))
            return false;
        parsed = new ParsedName(emotion, SpeakerOf(match), GenderOf(match));
        return true;
    }
}
