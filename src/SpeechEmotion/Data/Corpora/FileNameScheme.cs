namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// How one corpus encodes emotion and speaker in its file names. Implementations are stateless apart from their
/// construction options and safe to share between threads.
/// </summary>
public abstract class FileNameScheme
{
    /// <summary>Lower-case short name, also the default corpus name: ravdess, savee, turev, urdu, tess, emodb, cremad.</summary>
    public abstract string Name { get; }

    /// <summary>The corpus's usual written name (RAVDESS, SAVEE, TurEV-DB, ...).</summary>
    public abstract string DisplayName { get; }

    /// <summary>One line on the corpus's licence; a model trained on the corpus carries these terms.</summary>
    public abstract string Licence { get; }

    /// <summary>Reads emotion, speaker and gender from one file name without throwing.</summary>
    /// <param name="fileName">File name (a directory part is ignored); the <c>.wav</c> extension is matched case-insensitively.</param>
    /// <param name="parentFolder">Name of the folder holding the file, or null; schemes whose corpora sort clips into
    /// emotion folders check that the folder agrees with the name.</param>
    /// <param name="parsed">The result when the method returns true.</param>
    /// <param name="problem">Why the name was refused when the method returns false (one line, without the name).</param>
    public abstract bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem);

    /// <summary>
    /// Why a file the scheme recognises is deliberately left out (e.g. RAVDESS song clips by default), or null.
    /// Such files count as matches when detecting the scheme and are reported as one summary problem.
    /// </summary>
    internal virtual string? ExclusionReason(string fileName) => null;

    /// <inheritdoc/>
    public override string ToString() => Name;

    /// <summary>Splits off the <c>.wav</c> extension (any case) from the file-name part of <paramref name="fileName"/>.</summary>
    private protected static bool TryStem(string fileName, out string stem, out string problem)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var name = Path.GetFileName(fileName);
        if (!name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) || name.Length == 4)
        {
            stem = "";
            problem = "not a .wav file";
            return false;
        }
        stem = name[..^4];
        problem = "";
        return true;
    }

    /// <summary>
    /// When <paramref name="parentFolder"/> names an emotion (e.g. <c>Angry</c>, <c>Sad</c>, any case or a known alias),
    /// it must be <paramref name="emotion"/>; a folder that names no emotion is not checked.
    /// </summary>
    private protected static bool FolderAgrees(string? parentFolder, string emotion, string code, out string problem)
    {
        var folderEmotion = parentFolder is null ? null : EmotionVocabulary.Normalize(parentFolder);
        if (folderEmotion is not null && folderEmotion != emotion)
        {
            problem = $"in folder {parentFolder} ({folderEmotion}) but its code '{code}' means {emotion}";
            return false;
        }
        problem = "";
        return true;
    }
}
