namespace SpeechEmotion.Runtime;

/// <summary>
/// Bounds the cache in which oneDNN (LibTorch's CPU convolutions) keeps the kernels it compiles for each input shape,
/// 1024 of them by default. Training with length bucketing meets a new batch length at almost every step, and a
/// forward and two backward kernels per convolution and length were all kept: a four-corpus training run grew from
/// 1.3 GB to 2.1 GB of resident memory over its epochs. With a small cache it stays at 1.2-1.4 GB and an epoch takes as
/// long (compiling a kernel costs far less than the step that uses it). oneDNN reads
/// <c>ONEDNN_PRIMITIVE_CACHE_CAPACITY</c> when it first runs a convolution, so this must come before the process's first
/// forward pass; a value the user has set is kept. Prediction is left at the default: it pads its batches to a few
/// lengths, whose kernels the cache then holds.
/// </summary>
public static class OneDnnPrimitiveCache
{
    /// <summary>The environment variable oneDNN reads.</summary>
    public const string Variable = "ONEDNN_PRIMITIVE_CACHE_CAPACITY";

    /// <summary>Kernels kept while training.</summary>
    public const int TrainingCapacity = 4;

    private static readonly NativeEnvironmentDefault Setting =
        new(Variable, TrainingCapacity.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The capacity in the process environment after <see cref="LimitForTraining"/> (null before, or where it could not be set).</summary>
    public static string? Effective => Setting.Effective;

    /// <summary>Sets the capacity to <see cref="TrainingCapacity"/> unless it is set already. Call before the first forward pass; idempotent.</summary>
    public static void LimitForTraining() => Setting.Apply();
}
