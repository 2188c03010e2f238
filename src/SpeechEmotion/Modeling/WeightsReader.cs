using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>
/// Reads weights written by TorchSharp's <c>Module.save</c> (LEB128 entry count; per entry the key, LEB128
/// dtype, rank and sizes, then the raw little-endian values) into a module, checking every key, dtype and shape
/// against the module before any data is read, so a bundle for another configuration fails with a message
/// naming the parameter instead of loading garbage or allocating what a damaged header claims.
/// </summary>
internal static class WeightsReader
{
    /// <summary>Loads <paramref name="stream"/> into <paramref name="module"/> (which must be on the CPU).</summary>
    /// <exception cref="InvalidDataException">Missing, unexpected or mis-shaped entries, or truncated data.</exception>
    public static void Load(Stream stream, nn.Module module)
    {
        var expected = module.state_dict();
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        try
        {
            var count = Decode(reader);
            if (count != expected.Count)
                throw new InvalidDataException($"weights hold {count} tensors, the model has {expected.Count}.");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            using var noGrad = torch.no_grad();
            for (long i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                if (!expected.TryGetValue(key, out var target))
                    throw new InvalidDataException($"weights contain '{key}', which the model does not have.");
                if (!seen.Add(key))
                    throw new InvalidDataException($"weights contain '{key}' twice.");
                var dtype = (ScalarType)Decode(reader);
                var rank = Decode(reader);
                if (rank is < 0 or > 8)
                    throw new InvalidDataException($"weight '{key}' has an invalid rank {rank}.");
                var shape = new long[rank];
                for (var d = 0; d < rank; d++)
                    shape[d] = Decode(reader);
                if (dtype != target.dtype || !shape.SequenceEqual(target.shape))
                    throw new InvalidDataException(
                        $"weight '{key}' is {dtype} [{string.Join(", ", shape)}] but the model expects {target.dtype} [{string.Join(", ", target.shape)}].");
                var length = checked((int)(target.numel() * target.ElementSize));
                var bytes = reader.ReadBytes(length);
                if (bytes.Length != length)
                    throw new InvalidDataException($"weight '{key}' is truncated ({bytes.Length} of {length} bytes).");
                target.bytes = bytes;
            }
            var missing = expected.Keys.FirstOrDefault(k => !seen.Contains(k));
            if (missing is not null)
                throw new InvalidDataException($"weights lack '{missing}'.");
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("weights are truncated.", e);
        }
    }

    // LEB128, as TorchSharp.Utils.LEB128Codec, but bounded so damaged data cannot loop or overflow.
    private static long Decode(BinaryReader reader)
    {
        long result = 0;
        for (var shift = 0; shift < 63; shift += 7)
        {
            var b = reader.ReadByte();
            result |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
                return result;
        }
        throw new InvalidDataException("weights hold an invalid length or size field.");
    }
}
