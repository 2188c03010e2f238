using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using SpeechEmotion.Audio;

namespace SpeechEmotion.Features;

/// <summary>
/// Computes the librosa-compatible feature matrix <c>[frames, 3 * n_mfcc + 1]</c> of a clip:
/// <c>librosa.feature.mfcc</c> (STFT with a periodic Hann window, power spectrogram, Slaney mel filter bank,
/// <c>power_to_db</c> with <c>top_db</c> below the clip's peak, orthonormal DCT-II), its <c>delta</c> and
/// <c>delta</c> of order 2, and <c>librosa.feature.rms</c>, stacked per frame and padded or cut to
/// <see cref="FeatureOptions.MaxFrames"/>. Values match librosa 0.11 to float precision
/// (the golden tests allow 0.02 on MFCC/delta columns and 1e-5 on RMS). With <see cref="FeatureOptions.Pitch"/>,
/// three pitch columns follow RMS (<see cref="YinPitch"/>).
/// Thread-safe: one instance may serve many threads; work buffers are pooled, so frames allocate nothing.
/// </summary>
/// <remarks>
/// Clips shorter than <see cref="FeatureOptions.DeltaWidth"/> frames (librosa's <c>delta</c> refuses them)
/// get deltas from one polynomial fitted to all their frames, the fit librosa's 'interp' mode uses at the
/// edges; a one-frame clip has zero deltas. An empty clip gives one frame of silence when frames are centred.
/// <para>
/// The numeric kernels (here, in <see cref="RealFft"/>, <see cref="MelFilterBank"/>, <see cref="Dct"/>, <see cref="Deltas"/>,
/// <see cref="Vectors"/>, the trimmer and the sample decoder) are compiled fully optimized at their first call
/// (<c>MethodImplOptions.AggressiveOptimization</c>): under tiered compilation they first ran unoptimized and then
/// instrumented, and a 1440-clip <c>predict</c> run took 1.5 times the CPU time; their steady-state speed is the same.
/// </para>
/// </remarks>
public sealed class FeatureExtractor
{
    private const int PooledFrameLimit = 4096;   // work buffers for longer clips are not kept

    private readonly RealFft _fft;
    private readonly double[] _window;
    private readonly MelFilterBank _mel;
    private readonly Dct _dct;
    private readonly Deltas _delta1, _delta2;
    private readonly YinPitch? _pitch;
    private readonly ConcurrentBag<Workspace> _pool = [];

    /// <summary>Creates an extractor; options are validated here.</summary>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public FeatureExtractor(FeatureOptions? options = null)
        : this(options, null)
    {
    }

    /// <summary>Creates an extractor that resamples with <paramref name="resampler"/>.</summary>
    /// <param name="options">Feature settings; null means the defaults.</param>
    /// <param name="resampler">Resampler for clips at other rates; null means <see cref="Audio.Resampler.Backend"/>.</param>
    /// <exception cref="ArgumentException">The options are invalid (all problems listed).</exception>
    public FeatureExtractor(FeatureOptions? options, ResamplerBackend? resampler)
    {
        Options = options ?? new FeatureOptions();
        Options.Validate();
        Resampler = resampler ?? Audio.Resampler.Backend;
        _fft = new RealFft(Options.NFft);
        _window = new double[Options.NFft];
        for (int i = 0; i < _window.Length; i++)
            _window[i] = 0.5 - 0.5 * Math.Cos(2 * Math.PI * i / Options.NFft);   // periodic Hann (fftbins=True)
        _mel = new MelFilterBank(Options.SampleRate, Options.NFft, Options.NMels, Options.FMin, Options.FMax ?? Options.SampleRate / 2.0);
        _dct = new Dct(Options.NMels, Options.NMfcc);
        _delta1 = new Deltas(Options.DeltaWidth, 1);
        _delta2 = new Deltas(Options.DeltaWidth, 2);
        _pitch = Options.Pitch is { } pitch ? new YinPitch(Options.SampleRate, _fft, pitch) : null;
    }

    /// <summary>The settings in use.</summary>
    public FeatureOptions Options { get; }

    /// <summary>The resampler used for clips whose rate differs from <see cref="FeatureOptions.SampleRate"/>.</summary>
    public ResamplerBackend Resampler { get; }

    /// <summary>Number of frames librosa produces for <paramref name="sampleCount"/> samples (before padding or cutting).</summary>
    public int FrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        long length = Options.Center ? sampleCount + 2L * (Options.NFft / 2) : sampleCount;
        return length < Options.NFft ? 0 : (int)(1 + (length - Options.NFft) / Options.HopLength);
    }

    /// <summary>Features of mono samples already at <see cref="FeatureOptions.SampleRate"/>.</summary>
    /// <returns>A matrix <c>[MaxFrames ?? frames, 3 * n_mfcc + 1]</c>: MFCC, delta, delta-delta, RMS.</returns>
    /// <exception cref="ArgumentException">A sample is NaN or infinite.</exception>
    public FeatureMatrix Extract(ReadOnlySpan<float> samples)
    {
        int bad = Vectors.IndexOfNonFinite(samples);
        if (bad >= 0)
            throw new ArgumentException($"Audio is not finite everywhere: sample {bad} is {samples[bad]}.", nameof(samples));
        int frames = FrameCount(samples.Length);
        var ws = _pool.TryTake(out var pooled) ? pooled : new Workspace(this);
        try
        {
            return Compute(samples, frames, ws);
        }
        finally
        {
            if (frames <= PooledFrameLimit)
                _pool.Add(ws);
        }
    }

    /// <summary>Features of a decoded clip; resampled to <see cref="FeatureOptions.SampleRate"/> first when needed.</summary>
    public FeatureMatrix Extract(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return Extract(AudioLoader.Resample(audio, Options.SampleRate, Resampler).Samples);
    }

    /// <summary>Decodes, resamples and extracts a WAV, AIFF, MP3 or Ogg Vorbis file (see <see cref="AudioReader"/>).</summary>
    /// <exception cref="AudioFormatException">The file is not decodable audio or holds NaN or infinite samples.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public FeatureMatrix ExtractFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var audio = AudioReader.Read(path);
        int bad = Vectors.IndexOfNonFinite(audio.Samples);
        if (bad >= 0)
            throw new AudioFormatException(Path.GetFileName(path), $"sample {bad} is {audio.Samples[bad]}; audio must be finite");
        return Extract(audio);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private FeatureMatrix Compute(ReadOnlySpan<float> y, int frames, Workspace ws)
    {
        var o = Options;
        int nMels = o.NMels, nMfcc = o.NMfcc, bins = _fft.Bins;
        ws.EnsureFrames(frames, nMels, nMfcc);
        var db = ws.MelDb.AsSpan(0, frames * nMels);
        double maxDb = double.NegativeInfinity;
        double refDb = 10 * Math.Log10(Math.Max(o.Amin, o.RefPower));
        int offset = o.Center ? o.NFft / 2 : 0;
        for (int t = 0; t < frames; t++)
        {
            int start = t * o.HopLength - offset;
            ReadOnlySpan<float> frame = ws.Frame;
            if (start >= 0 && start + frame.Length <= y.Length)
            {
                frame = y.Slice(start, frame.Length);
            }
            else
            {
                for (int i = 0; i < frame.Length; i++)
                    ws.Frame[i] = Sample(y, start + i, o.PadMode);
            }
            var power = ws.Power.AsSpan(0, bins);
            _fft.Power(frame, _window, power, ws.FftScratch);
            if (o.Power != 2)
            {
                for (int k = 0; k < bins; k++)
                    power[k] = Math.Pow(power[k], o.Power / 2);
            }
            var row = db.Slice(t * nMels, nMels);
            _mel.Apply(power, row);
            // power_to_db: 10 log10(max(amin, S)) - 10 log10(max(amin, ref))
            Vectors.PowerToDb(row, o.Amin, refDb);
            for (int m = 0; m < nMels; m++)
                maxDb = Math.Max(maxDb, row[m]);
        }

        var mfcc = ws.Mfcc.AsSpan(0, frames * nMfcc);
        double floor = o.TopDb is { } topDb ? maxDb - topDb : double.NegativeInfinity;
        for (int t = 0; t < frames; t++)
        {
            var row = db.Slice(t * nMels, nMels);
            for (int m = 0; m < nMels; m++)
                row[m] = Math.Max(row[m], floor);
            _dct.Forward(row, mfcc.Slice(t * nMfcc, nMfcc));
        }
        var d1 = ws.Delta1.AsSpan(0, frames * nMfcc);
        var d2 = ws.Delta2.AsSpan(0, frames * nMfcc);
        _delta1.Apply(mfcc, frames, nMfcc, d1);
        _delta2.Apply(mfcc, frames, nMfcc, d2);

        int cols = o.FeatureCount;
        int outFrames = o.MaxFrames ?? frames;
        // Every kept row is overwritten; only the zero padding rows need clearing.
        var data = GC.AllocateUninitializedArray<float>(outFrames * cols);
        data.AsSpan(Math.Min(frames, outFrames) * cols).Clear();
        int rmsOffset = o.Center ? o.RmsFrameLength / 2 : 0;
        for (int t = 0; t < Math.Min(frames, outFrames); t++)
        {
            var dst = data.AsSpan(t * cols, cols);
            Narrow(mfcc.Slice(t * nMfcc, nMfcc), dst);
            Narrow(d1.Slice(t * nMfcc, nMfcc), dst.Slice(nMfcc));
            Narrow(d2.Slice(t * nMfcc, nMfcc), dst.Slice(2 * nMfcc));
            dst[3 * nMfcc] = (float)Rms(y, t * o.RmsHopLength - rmsOffset, o.RmsFrameLength, o.PadMode);
        }
        _pitch?.WriteColumns(y, frames, o.HopLength, o.Center, o.PadMode, data, outFrames, cols, 3 * nMfcc + 1, ws.PitchScratch!);
        return new FeatureMatrix(data, outFrames, cols);
    }

    /// <summary>sqrt(mean(x^2)) over one frame, in double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Rms(ReadOnlySpan<float> y, int start, int length, PadMode padMode)
    {
        double sum = 0;
        if (start >= 0 && start + length <= y.Length)
        {
            sum = Vectors.SumOfSquares(y.Slice(start, length));
        }
        else
        {
            for (int i = 0; i < length; i++)
            {
                double s = Sample(y, start + i, padMode);
                sum += s * s;
            }
        }
        return Math.Sqrt(sum / length);
    }

    /// <summary>y[i] with the clip extended past its ends as numpy.pad does.</summary>
    internal static float Sample(ReadOnlySpan<float> y, int i, PadMode padMode)
    {
        int n = y.Length;
        if ((uint)i < (uint)n)
            return y[i];
        if (n == 0 || padMode == PadMode.Constant)
            return 0;
        if (padMode == PadMode.Edge || n == 1)
            return y[i < 0 ? 0 : n - 1];
        int period = 2 * (n - 1);   // reflect: ... 2 1 | 0 1 2 ... n-1 | n-2 ...
        int r = ((i % period) + period) % period;
        return y[r < n ? r : period - r];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Narrow(ReadOnlySpan<double> source, Span<float> destination)
    {
        for (int i = 0; i < source.Length; i++)
            destination[i] = (float)source[i];
    }

    /// <summary>Per-thread work buffers, reused across clips.</summary>
    private sealed class Workspace(FeatureExtractor owner)
    {
        public readonly float[] Frame = new float[owner.Options.NFft];
        public readonly double[] FftScratch = owner._fft.CreateScratch();
        public readonly double[] Power = new double[owner._fft.Bins];
        public readonly YinPitch.Scratch? PitchScratch = owner._pitch?.CreateScratch();
        public double[] MelDb = [], Mfcc = [], Delta1 = [], Delta2 = [];

        public void EnsureFrames(int frames, int nMels, int nMfcc)
        {
            if (MelDb.Length < frames * nMels)
                MelDb = new double[frames * nMels];
            if (Mfcc.Length < frames * nMfcc)
            {
                Mfcc = new double[frames * nMfcc];
                Delta1 = new double[frames * nMfcc];
                Delta2 = new double[frames * nMfcc];
            }
        }
    }
}
