namespace SpeechEmotion.Data.Corpora;

/// <summary>Loads a <see cref="DataSource"/>: a CSV manifest or a corpus folder read by its file-name scheme.</summary>
public static class CorpusLoader
{
    /// <summary>
    /// A <c>.csv</c> path goes to <see cref="CorpusManifestReader"/> (the name, if any, is the corpus name). A folder whose
    /// name is a scheme name or alias (<c>savee=DIR</c>) is read with that scheme; with any other name (<c>mine=DIR</c>)
    /// the scheme is detected and the corpus is called NAME; without a name the scheme is detected.
    /// </summary>
    /// <param name="source">What to load.</param>
    /// <param name="includeSong">Also use RAVDESS song clips.</param>
    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="FileNotFoundException">The manifest does not exist.</exception>
    /// <exception cref="InvalidDataException">The manifest header is bad, or no scheme matches the folder.</exception>
    public static CorpusReadResult Load(DataSource source, bool includeSong = false)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.IsManifest)
            return CorpusManifestReader.Read(source.Path, source.Name);
        if (source.Name is not null && FileNameSchemes.TryFind(source.Name, out var named))
            return CorpusReader.Read(source.Path, WithSong(named, includeSong));
        var detected = CorpusReader.Detect(source.Path)
            ?? throw new InvalidDataException(
                $"{source.Path}: file names match no known scheme ({FileNameSchemes.KnownNames}); pass NAME=DIR or a CSV manifest");
        return CorpusReader.Read(source.Path, WithSong(detected, includeSong), source.Name);
    }

    private static FileNameScheme WithSong(FileNameScheme scheme, bool includeSong) =>
        includeSong && scheme is RavdessScheme { IncludeSong: false } ? new RavdessScheme(includeSong: true) : scheme;
}
