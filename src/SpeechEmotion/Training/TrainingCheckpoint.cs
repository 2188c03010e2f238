using System.IO.Compression;
using System.Text.Json;
using SpeechEmotion.Modeling;
using SpeechEmotion.Runtime;

namespace SpeechEmotion.Training;

/// <summary>
/// Everything needed to continue a run exactly where an epoch ended: schedule and early-stopping state,
/// history, normalization, the model's current and best weights and Adam's moments. One zip file written
/// atomically, so an interrupted write leaves the previous checkpoint intact. Not fsynced: that costs up to a
/// second per epoch on a busy disk, and the rename already protects against a crashed process.
/// </summary>
internal sealed class TrainingCheckpoint
{
    public const string FileName = "checkpoint.zip";
    private const int FormatVersion = 2;
    private const string DiscriminatorEntry = "corpus-discriminator.bin";

    public required TrainingState State { get; init; }
    public required byte[] ModelWeights { get; init; }
    public required byte[] OptimizerState { get; init; }
    public required byte[] BestWeights { get; init; }

    /// <summary>The corpus-adversarial head's weights, when the run has one.</summary>
    public byte[]? DiscriminatorWeights { get; init; }

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, "checkpoint", FileName);

    public void Save(string path) =>
        AtomicFile.Write(path, stream =>
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true);
            using (var s = zip.CreateEntry("state.json").Open())
                JsonSerializer.Serialize(s, State with { FormatVersion = FormatVersion }, ModelJson.Options);
            Write(zip, "model.bin", ModelWeights);
            Write(zip, "optimizer.bin", OptimizerState);
            Write(zip, "best.bin", BestWeights);
            if (DiscriminatorWeights is not null)
                Write(zip, DiscriminatorEntry, DiscriminatorWeights);
        }, durable: false);

    public static TrainingCheckpoint Load(string path)
    {
        try
        {
            using var zip = ZipFile.OpenRead(path);
            TrainingState state;
            using (var s = Entry(zip, "state.json").Open())
                state = JsonSerializer.Deserialize<TrainingState>(s, ModelJson.Options) ?? throw new InvalidDataException("state.json is empty.");
            if (state.FormatVersion != FormatVersion)
                throw new InvalidDataException($"checkpoint format {state.FormatVersion} is not supported (expected {FormatVersion}).");
            return new TrainingCheckpoint
            {
                State = state,
                ModelWeights = Read(zip, "model.bin"),
                OptimizerState = Read(zip, "optimizer.bin"),
                BestWeights = Read(zip, "best.bin"),
                DiscriminatorWeights = zip.GetEntry(DiscriminatorEntry) is null ? null : Read(zip, DiscriminatorEntry),
            };
        }
        catch (Exception e) when (e is InvalidDataException or JsonException)
        {
            throw new InvalidDataException($"{path}: damaged training checkpoint ({e.Message}); delete it to start over.", e);
        }
    }

    private static ZipArchiveEntry Entry(ZipArchive zip, string name) =>
        zip.GetEntry(name) ?? throw new InvalidDataException($"{name} is missing.");

    private static void Write(ZipArchive zip, string name, byte[] bytes)
    {
        using var s = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        s.Write(bytes);
    }

    private static byte[] Read(ZipArchive zip, string name)
    {
        using var s = Entry(zip, name).Open();
        using var memory = new MemoryStream();
        s.CopyTo(memory);
        return memory.ToArray();
    }
}
