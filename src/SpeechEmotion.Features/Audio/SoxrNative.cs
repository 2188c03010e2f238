using System.Runtime.InteropServices;

namespace SpeechEmotion.Audio;

/// <summary>
/// Minimal binding of libsoxr (0.1.x ABI), loaded at run time so a machine without it still works
/// (the managed resampler takes over). Function pointers avoid a DllImport that would fail on first call.
/// </summary>
internal static unsafe class SoxrNative
{
    /// <summary>soxr.h: SOXR_HQ = SOXR_20_BITQ, what python-soxr passes for quality 'soxr_hq'.</summary>
    public const ulong SoxrHq = 4;

    /// <summary>soxr.h: SOXR_FLOAT32_I (interleaved float32).</summary>
    public const int SoxrFloat32I = 0;

    private static readonly string[] Candidates = ["libsoxr.so.0", "libsoxr.so", "libsoxr.0.dylib", "libsoxr.dylib", "soxr.dll", "libsoxr.dll"];

    private static readonly delegate* unmanaged[Cdecl]<CULong, CULong, QualitySpec> QualitySpecFn;
    private static readonly delegate* unmanaged[Cdecl]<int, int, IoSpec> IoSpecFn;
    private static readonly delegate* unmanaged[Cdecl]<double, double, uint, nint*, IoSpec*, QualitySpec*, void*, nint> CreateFn;
    private static readonly delegate* unmanaged[Cdecl]<nint, float*, nuint, nuint*, float*, nuint, nuint*, nint> ProcessFn;
    private static readonly delegate* unmanaged[Cdecl]<nint, void> DeleteFn;
    private static readonly delegate* unmanaged[Cdecl]<nint> VersionFn;

    static SoxrNative()
    {
        foreach (var name in Candidates)
        {
            if (!NativeLibrary.TryLoad(name, typeof(SoxrNative).Assembly, null, out var handle))
                continue;
            try
            {
                QualitySpecFn = (delegate* unmanaged[Cdecl]<CULong, CULong, QualitySpec>)NativeLibrary.GetExport(handle, "soxr_quality_spec");
                IoSpecFn = (delegate* unmanaged[Cdecl]<int, int, IoSpec>)NativeLibrary.GetExport(handle, "soxr_io_spec");
                CreateFn = (delegate* unmanaged[Cdecl]<double, double, uint, nint*, IoSpec*, QualitySpec*, void*, nint>)NativeLibrary.GetExport(handle, "soxr_create");
                ProcessFn = (delegate* unmanaged[Cdecl]<nint, float*, nuint, nuint*, float*, nuint, nuint*, nint>)NativeLibrary.GetExport(handle, "soxr_process");
                DeleteFn = (delegate* unmanaged[Cdecl]<nint, void>)NativeLibrary.GetExport(handle, "soxr_delete");
                VersionFn = (delegate* unmanaged[Cdecl]<nint>)NativeLibrary.GetExport(handle, "soxr_version");
                IsAvailable = true;
                return;
            }
            catch (EntryPointNotFoundException)
            {
                NativeLibrary.Free(handle);
            }
        }
    }

    /// <summary>True when a libsoxr with the needed entry points was loaded.</summary>
    public static bool IsAvailable { get; }

    /// <summary>libsoxr's version string, or null when it is not loaded.</summary>
    public static string? Version => IsAvailable ? Marshal.PtrToStringUTF8(VersionFn()) : null;

    /// <summary>
    /// python-soxr 0.3.7 <c>cysoxr_divide_proc</c> for one float32 channel: soxr_create with
    /// soxr_quality_spec(SOXR_HQ, 0), float32 in/out and the default runtime spec (one thread); input fed in
    /// chunks of int(48000 * in / out) samples, then one flush; output capacity ceil(n * out / in).
    /// </summary>
    public static float[] ResampleHq(ReadOnlySpan<float> input, double inRate, double outRate)
    {
        if (!IsAvailable)
            throw new InvalidOperationException("libsoxr is not installed.");
        int olen = checked((int)Math.Ceiling(input.Length * outRate / inRate));
        var output = new float[olen];
        var quality = QualitySpecFn(new CULong((nuint)SoxrHq), new CULong(0));
        var io = IoSpecFn(SoxrFloat32I, SoxrFloat32I);
        nint error = 0;
        nint soxr = CreateFn(inRate, outRate, 1, &error, &io, &quality, null);
        if (error != 0 || soxr == 0)
            throw new InvalidOperationException($"libsoxr could not resample {inRate} Hz to {outRate} Hz: {Marshal.PtrToStringUTF8(error)}");
        try
        {
            int chunk = Math.Max(1, (int)(48000 * inRate / outRate));
            nuint outPos = 0, done = 0;
            fixed (float* x = input)
            fixed (float* y = output)
            {
                int idx = 0;
                for (; idx + chunk < input.Length; idx += chunk)
                {
                    Check(ProcessFn(soxr, x + idx, (nuint)chunk, null, y + outPos, (nuint)olen - outPos, &done));
                    outPos += done;
                }
                if (idx < input.Length)
                {
                    Check(ProcessFn(soxr, x + idx, (nuint)(input.Length - idx), null, y + outPos, (nuint)olen - outPos, &done));
                    outPos += done;
                }
                if (outPos < (nuint)olen)
                {
                    Check(ProcessFn(soxr, null, 0, null, y + outPos, (nuint)olen - outPos, &done));
                    outPos += done;
                }
            }
            return (int)outPos == olen ? output : output.AsSpan(0, (int)outPos).ToArray();
        }
        finally
        {
            DeleteFn(soxr);
        }
    }

    private static void Check(nint error)
    {
        if (error != 0)
            throw new InvalidOperationException($"libsoxr failed: {Marshal.PtrToStringUTF8(error)}");
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct QualitySpec
    {
        public double Precision;
        public double PhaseResponse;
        public double PassbandEnd;
        public double StopbandBegin;
        public nint E;
        public CULong Flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct IoSpec
    {
        public int IType;
        public int OType;
        public double Scale;
        public nint E;
        public CULong Flags;
    }
}
