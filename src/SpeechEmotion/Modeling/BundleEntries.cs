using System.IO.Compression;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Reads every entry of a bundle into memory and checks it against the CRC-32 and size the zip records, so a
/// bundle damaged in storage or transfer (one flipped bit is enough) is refused instead of predicting with
/// different numbers.
/// </summary>
internal static class BundleEntries
{
    /// <summary>Largest entry read (uncompressed); a bundle of the biggest network <see cref="ManifestLimits"/> allows fits.</summary>
    public const long MaxEntryBytes = 1L << 30;

    /// <summary>Most entries a bundle may hold (manifest plus one weight file per ensemble member).</summary>
    public const int MaxEntries = ManifestLimits.MaxEnsembleMembers + 1;

    /// <summary>The verified content of every entry, by name.</summary>
    /// <exception cref="ModelBundleException">An entry is damaged, too large, or there are too many.</exception>
    public static Dictionary<string, byte[]> ReadVerified(ZipArchive zip, string source)
    {
        if (zip.Entries.Count > MaxEntries)
            throw new ModelBundleException(source, $"not a SpeechEmotion model bundle ({zip.Entries.Count} entries; at most {MaxEntries}).");
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            if (entry.Length > MaxEntryBytes || (total += entry.Length) > MaxEntryBytes)
                throw new ModelBundleException(source, $"{entry.FullName} is implausibly large ({entry.Length} bytes).");
            byte[] content;
            try
            {
                content = ReadExactly(entry);
            }
            catch (InvalidDataException)
            {
                throw Damaged(source, entry.FullName);
            }
            if (content.Length != entry.Length || Crc32.Compute(content) != entry.Crc32)
                throw Damaged(source, entry.FullName);
            entries[entry.FullName] = content;
        }
        return entries;
    }

    private static ModelBundleException Damaged(string source, string entry) =>
        new(source, $"damaged: {entry} fails its CRC-32 check (the file changed after it was written; copy or download it again).");

    // Reads at most one byte more than the entry claims (so a lying header cannot make it read without bound),
    // growing the buffer as data arrives rather than trusting the claimed size.
    private static byte[] ReadExactly(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var content = new MemoryStream();
        var chunk = new byte[81920];
        long limit = entry.Length + 1;
        int n;
        while (content.Length < limit && (n = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit - content.Length))) > 0)
            content.Write(chunk, 0, n);
        return content.ToArray();
    }
}
