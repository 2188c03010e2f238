using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpeechEmotion.Audio;

/// <summary>
/// Converts interleaved frames to mono float32 exactly as soundfile (libsndfile, float output)
/// followed by numpy's float32 <c>np.mean(y, axis=0)</c> does.
/// </summary>
/// <remarks>
/// Scaling: u8 (x-128)/128, s8 x/128, s16 x/2^15, s24 x/2^23, s32 (float)x/2^31, float32 as is,
/// float64 rounded to float32. Multiplying by the power-of-two reciprocal is exact, so it equals the
/// division. Channels are summed in float32 in channel order, then divided by the channel count.
/// </remarks>
internal static class SampleDecoder
{
    /// <summary>Decodes the whole frames of <paramref name="data"/>; a partial last frame is dropped.</summary>
    public static float[] DecodeMono(ReadOnlySpan<byte> data, in PcmLayout layout, string? name)
    {
        int frameBytes = layout.Channels * layout.BytesPerSample;
        // Bounded by the real input length; every element is written below.
        var y = GC.AllocateUninitializedArray<float>(data.Length / frameBytes);
        data = data[..(y.Length * frameBytes)];
        int ch = layout.Channels;
        bool native = BitConverter.IsLittleEndian; // the fast paths reinterpret little-endian bytes in place
        switch (layout.Encoding, layout.BigEndian)
        {
            // Fast paths for the most common layouts; they give the same values as the generic loops.
            case (SampleEncoding.Int16, false) when native && ch <= 2:
                Int16ToMono(MemoryMarshal.Cast<byte, short>(data), ch, y);
                break;
            case (SampleEncoding.Float32, false) when native && ch == 1:
                MemoryMarshal.Cast<byte, float>(data).CopyTo(y);
                break;
            case (SampleEncoding.UInt8, _): Mix<UInt8>(data, ch, y); break;
            case (SampleEncoding.Int8, _): Mix<Int8>(data, ch, y); break;
            case (SampleEncoding.Int16, false): Mix<Int16Le>(data, ch, y); break;
            case (SampleEncoding.Int16, true): Mix<Int16Be>(data, ch, y); break;
            case (SampleEncoding.Int24, false): Mix<Int24Le>(data, ch, y); break;
            case (SampleEncoding.Int24, true): Mix<Int24Be>(data, ch, y); break;
            case (SampleEncoding.Int32, false): Mix<Int32Le>(data, ch, y); break;
            case (SampleEncoding.Int32, true): Mix<Int32Be>(data, ch, y); break;
            case (SampleEncoding.Float32, false): Mix<Float32Le>(data, ch, y); break;
            case (SampleEncoding.Float32, true): Mix<Float32Be>(data, ch, y); break;
            case (SampleEncoding.Float64, false): Mix<Float64Le>(data, ch, y); break;
            case (SampleEncoding.Float64, true): Mix<Float64Be>(data, ch, y); break;
            default: throw new System.Diagnostics.UnreachableException($"no decoder for {layout.Encoding}");
        }
        if (layout.IsFloat)
            CheckFinite(y, name);
        return y;
    }

    /// <summary>NaN or infinity in any channel (or a float64 beyond float32 range) makes the mean non-finite.</summary>
    private static void CheckFinite(ReadOnlySpan<float> y, string? name)
    {
        for (int i = 0; i < y.Length; i++)
        {
            if (!float.IsFinite(y[i]))
                throw new AudioFormatException(name,
                    $"invalid float sample at frame {i} (NaN, infinity or beyond float32 range)");
        }
    }

    /// <summary>
    /// Mono or stereo 16-bit. A stereo mean (l/2^15 + r/2^15)/2 is exact in float32 (17 significant bits),
    /// so it equals (l + r) * 2^-16 computed in integers first.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Int16ToMono(ReadOnlySpan<short> src, int channels, Span<float> y)
    {
        int i = 0;
        if (channels == 1)
        {
            if (Vector.IsHardwareAccelerated)
            {
                var scale = new Vector<float>(Scale16);
                for (; i <= y.Length - Vector<short>.Count; i += Vector<short>.Count)
                {
                    Vector.Widen(new Vector<short>(src[i..]), out var low, out var high);
                    (Vector.ConvertToSingle(low) * scale).CopyTo(y[i..]);
                    (Vector.ConvertToSingle(high) * scale).CopyTo(y[(i + Vector<int>.Count)..]);
                }
            }
            for (; i < y.Length; i++)
                y[i] = src[i] * Scale16;
            return;
        }

        const float half = Scale16 / 2;
        if (Vector.IsHardwareAccelerated)
        {
            var frames = MemoryMarshal.Cast<short, int>(src); // one little-endian int per frame: left low, right high
            var scale = new Vector<float>(half);
            for (; i <= y.Length - Vector<int>.Count; i += Vector<int>.Count)
            {
                var v = new Vector<int>(frames[i..]);
                var sum = Vector.ShiftRightArithmetic(Vector.ShiftLeft(v, 16), 16) + Vector.ShiftRightArithmetic(v, 16);
                (Vector.ConvertToSingle(sum) * scale).CopyTo(y[i..]);
            }
        }
        for (; i < y.Length; i++)
            y[i] = (src[2 * i] + src[2 * i + 1]) * half;
    }

    // The type parameter makes the JIT compile one loop per encoding with the read inlined.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Mix<T>(ReadOnlySpan<byte> data, int channels, Span<float> y) where T : struct, ISample
    {
        int size = T.Size;
        if (channels == 1)
        {
            for (int i = 0; i < y.Length; i++)
                y[i] = T.Read(data.Slice(i * size, size));
            return;
        }
        float count = channels;
        int frameBytes = size * channels;
        for (int i = 0; i < y.Length; i++)
        {
            var frame = data.Slice(i * frameBytes, frameBytes);
            float sum = 0f;
            for (int off = 0; off < frame.Length; off += size)
                sum += T.Read(frame.Slice(off, size));
            y[i] = sum / count;
        }
    }

    private interface ISample
    {
        static abstract int Size { get; }
        static abstract float Read(ReadOnlySpan<byte> b);
    }

    private const float Scale8 = 1f / 128, Scale16 = 1f / 32768, Scale24 = 1f / 8388608, Scale32 = 1f / 2147483648;

    private struct UInt8 : ISample
    {
        public static int Size => 1;
        public static float Read(ReadOnlySpan<byte> b) => (b[0] - 128) * Scale8;
    }

    private struct Int8 : ISample
    {
        public static int Size => 1;
        public static float Read(ReadOnlySpan<byte> b) => (sbyte)b[0] * Scale8;
    }

    private struct Int16Le : ISample
    {
        public static int Size => 2;
        public static float Read(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt16LittleEndian(b) * Scale16;
    }

    private struct Int16Be : ISample
    {
        public static int Size => 2;
        public static float Read(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadInt16BigEndian(b) * Scale16;
    }

    private struct Int24Le : ISample
    {
        public static int Size => 3;
        public static float Read(ReadOnlySpan<byte> b) => (b[0] | b[1] << 8 | (sbyte)b[2] << 16) * Scale24;
    }

    private struct Int24Be : ISample
    {
        public static int Size => 3;
        public static float Read(ReadOnlySpan<byte> b) => ((sbyte)b[0] << 16 | b[1] << 8 | b[2]) * Scale24;
    }

    private struct Int32Le : ISample
    {
        public static int Size => 4;
        public static float Read(ReadOnlySpan<byte> b) => (float)BinaryPrimitives.ReadInt32LittleEndian(b) * Scale32;
    }

    private struct Int32Be : ISample
    {
        public static int Size => 4;
        public static float Read(ReadOnlySpan<byte> b) => (float)BinaryPrimitives.ReadInt32BigEndian(b) * Scale32;
    }

    private struct Float32Le : ISample
    {
        public static int Size => 4;
        public static float Read(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadSingleLittleEndian(b);
    }

    private struct Float32Be : ISample
    {
        public static int Size => 4;
        public static float Read(ReadOnlySpan<byte> b) => BinaryPrimitives.ReadSingleBigEndian(b);
    }

    private struct Float64Le : ISample
    {
        public static int Size => 8;
        public static float Read(ReadOnlySpan<byte> b) => (float)BinaryPrimitives.ReadDoubleLittleEndian(b);
    }

    private struct Float64Be : ISample
    {
        public static int Size => 8;
        public static float Read(ReadOnlySpan<byte> b) => (float)BinaryPrimitives.ReadDoubleBigEndian(b);
    }
}
