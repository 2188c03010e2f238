using System.Buffers.Binary;
using SpeechEmotion.Audio;
using static SpeechEmotion.Tests.Audio.TestAudioWriter;

namespace SpeechEmotion.Tests.Audio;

public sealed class WavReaderFuzzTests
{
    private const int Cases = 5000;

    /// <summary>Valid files of every family the reader supports, small so that thousands of mutations run quickly.</summary>
    private static List<(string Name, byte[] Bytes)> ValidFiles()
    {
        var s16 = Ints(RandomInts(seed: 1, frames: 150, channels: 2, bits: 16), 2);
        var ds64 = new byte[28];
        BinaryPrimitives.WriteUInt64LittleEndian(ds64.AsSpan(8), (ulong)s16.Length);
        return
        [
            ("pcm16-stereo.wav", Wav(Fmt(Pcm, 2, 44100, 16), s16, after: [new TestChunk("LIST", new byte[30])])),
            ("float32.wav", Wav(Fmt(Float, 1, 16000, 32), Floats(Expected.ToFloat(RandomSignal(2, 150, 1))), before: [new TestChunk("fact", [150, 0, 0, 0])])),
            ("float64.wav", Wav(Fmt(Float, 2, 16000, 64), Doubles(RandomSignal(3, 60, 2)))),
            ("ext24.wav", Wav(Fmt(Extensible, 2, 48000, 24, subFormat: Pcm), Ints(RandomInts(4, 100, 2, 24), 3))),
            ("u8-odd.wav", Wav(Fmt(Pcm, 1, 8000, 8), Ints(RandomInts(5, 151, 1, 8), 1, unsigned8: true), after: [new TestChunk("cue ", new byte[5])])),
            ("rifx32.wav", Wav(Fmt(Pcm, 1, 8000, 32, bigEndian: true), Ints(RandomInts(6, 80, 1, 32), 4, bigEndian: true), riff: "RIFX")),
            ("rf64.wav", Container("RF64", "WAVE", [new TestChunk("ds64", ds64), new TestChunk("fmt ", Fmt(Pcm, 2, 44100, 16)), new TestChunk("data", s16)],
                bigEndian: false, sizeField: uint.MaxValue, sizeOverride: id => id == "data" ? uint.MaxValue : null)),
            ("pcm16.aiff", Aiff(Comm(2, 150, 16, 44100), Ints(RandomInts(7, 150, 2, 16), 2, bigEndian: true), before: [new TestChunk("NAME", "odd"u8.ToArray())])),
            ("s8.aiff", Aiff(Comm(1, 99, 8, 22050), Ints(RandomInts(8, 99, 1, 8), 1, bigEndian: true), ssndOffset: 4)),
            ("sowt.aifc", Aiff(Comm(1, 120, 24, 22050, "sowt"), Ints(RandomInts(9, 120, 1, 24), 3), aifc: true)),
            ("fl32.aifc", Aiff(Comm(2, 80, 32, 48000, "fl32"), Floats(Expected.ToFloat(RandomSignal(10, 80, 2)), bigEndian: true), aifc: true)),
        ];
    }

    private static readonly string[] ChunkIds = ["fmt ", "data", "LIST", "fact", "ds64", "COMM", "SSND", "FVER", "NAME", "RIFF", "FORM", "WAVE"];
    private static readonly uint[] HugeSizes = [uint.MaxValue, 0x7FFFFFFF, 0x80000000, 0xFFFFFFF8, 0xFFFFFF00, 0, 1, 3];

    [Fact]
    public async Task Read_RandomlyMutatedFiles_OnlyThrowAudioFormatExceptionAndNeverHang()
    {
        // Given valid WAV and AIFF files of every supported kind
        var files = ValidFiles();
        foreach (var (name, bytes) in files)
            Assert.True(WavReader.Read(bytes, name).Samples.Length > 0, name); // the seeds themselves are valid

        int decoded = 0, rejected = 0;
        var failures = new List<string>();
        var run = Task.Run(() =>
        {
            for (int i = 0; i < Cases; i++)
            {
                // When each is mutated by seeded random bit flips, overwrites, truncations, huge sizes and inserted chunks
                var rng = new Random(1000 + i);
                var (name, original) = files[i % files.Count];
                var (mutant, ops) = Mutate(original, rng);
                try
                {
                    var audio = WavReader.Read(mutant, name);
                    if (audio.SampleRate <= 0 || audio.Samples.Any(s => !float.IsFinite(s)))
                        failures.Add($"case {i} ({name}; {ops}): invalid result");
                    decoded++;
                }
                catch (AudioFormatException e) when (e.Message.StartsWith(name + ": ") && e.Problem.Length > 0)
                {
                    rejected++;
                }
                catch (Exception e)
                {
                    failures.Add($"case {i} ({name}; {ops}): {e.GetType().Name}: {e.Message}");
                }
            }
        });

        // Then everything either decodes or fails with AudioFormatException, within a generous time limit
        bool finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(60))) == run;
        Assert.True(finished, "fuzz run did not finish in 60 s (a hang?)");
        await run;
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(decoded > Cases / 20 && rejected > Cases / 20, $"decoded {decoded}, rejected {rejected}: mutations too weak or too strong");
    }

    private static (byte[] Bytes, string Ops) Mutate(byte[] original, Random rng)
    {
        var b = new List<byte>(original);
        var ops = new List<string>();
        int count = rng.Next(1, 4);
        for (int k = 0; k < count && b.Count > 0; k++)
        {
            switch (rng.Next(7))
            {
                case 0:
                {
                    int at = HeaderBiased(rng, b.Count);
                    int bit = rng.Next(8);
                    b[at] ^= (byte)(1 << bit);
                    ops.Add($"flip {at}.{bit}");
                    break;
                }
                case 1:
                {
                    int at = HeaderBiased(rng, b.Count);
                    byte v = (byte)rng.Next(256);
                    b[at] = v;
                    ops.Add($"set {at}={v}");
                    break;
                }
                case 2:
                {
                    int length = rng.Next(b.Count);
                    b.RemoveRange(length, b.Count - length);
                    ops.Add($"truncate {length}");
                    break;
                }
                case 3:
                {
                    // Overwrite a chunk size (found after a known id, or the container size) with a huge or tiny value.
                    var sizes = SizeFieldOffsets(b);
                    int at = sizes[rng.Next(sizes.Count)];
                    uint v = rng.Next(3) == 0 ? (uint)rng.NextInt64(0, 1L << 32) : HugeSizes[rng.Next(HugeSizes.Length)];
                    var word = new byte[4];
                    if (rng.Next(2) == 0) BinaryPrimitives.WriteUInt32LittleEndian(word, v); else BinaryPrimitives.WriteUInt32BigEndian(word, v);
                    for (int j = 0; j < 4 && at + j < b.Count; j++)
                        b[at + j] = word[j];
                    ops.Add($"size {at}=0x{v:X}");
                    break;
                }
                case 4:
                {
                    // Insert a chunk with a known or random id, a possibly lying size, and random content.
                    int at = Math.Min(b.Count, 12 + 2 * rng.Next(Math.Max(1, (b.Count - 12) / 2 + 1)));
                    var body = new byte[rng.Next(0, 48)];
                    rng.NextBytes(body);
                    string id = rng.Next(3) == 0 ? new string(Enumerable.Range(0, 4).Select(_ => (char)rng.Next(32, 127)).ToArray()) : ChunkIds[rng.Next(ChunkIds.Length)];
                    uint size = rng.Next(4) == 0 ? HugeSizes[rng.Next(HugeSizes.Length)] : (uint)body.Length;
                    var chunk = new byte[8 + body.Length];
                    for (int j = 0; j < 4; j++) chunk[j] = (byte)id[j];
                    if (rng.Next(2) == 0) BinaryPrimitives.WriteUInt32LittleEndian(chunk.AsSpan(4), size); else BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(4), size);
                    body.CopyTo(chunk, 8);
                    b.InsertRange(at, chunk);
                    ops.Add($"insert '{id}' size 0x{size:X} at {at}");
                    break;
                }
                case 5:
                {
                    int at = rng.Next(b.Count), length = Math.Min(b.Count - at, rng.Next(1, 16));
                    b.RemoveRange(at, length);
                    ops.Add($"delete {at}+{length}");
                    break;
                }
                default:
                {
                    // Extreme 16- or 32-bit values over header fields (channels, rate, bits, block align, offsets).
                    int at = rng.Next(Math.Min(b.Count, 64));
                    int width = rng.Next(2) == 0 ? 2 : 4;
                    byte fill = rng.Next(2) == 0 ? (byte)0 : (byte)0xFF;
                    for (int j = 0; j < width && at + j < b.Count; j++)
                        b[at + j] = fill;
                    ops.Add($"fill {at}+{width}=0x{fill:X2}");
                    break;
                }
            }
        }
        return (b.ToArray(), string.Join(", ", ops));
    }

    /// <summary>Half of the positions fall in the first 64 bytes, where the headers are.</summary>
    private static int HeaderBiased(Random rng, int length) => rng.Next(2) == 0 ? rng.Next(Math.Min(length, 64)) : rng.Next(length);

    private static List<int> SizeFieldOffsets(List<byte> b)
    {
        var offsets = new List<int> { 4 };
        for (int i = 12; i + 8 <= b.Count; i++)
        {
            foreach (var id in ChunkIds)
            {
                if (b[i] == id[0] && b[i + 1] == id[1] && b[i + 2] == id[2] && b[i + 3] == id[3])
                    offsets.Add(i + 4);
            }
        }
        return offsets;
    }
}
