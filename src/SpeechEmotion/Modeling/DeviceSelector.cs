using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Modeling;

/// <summary>Turns a device option (<c>auto</c>, <c>cpu</c>, <c>cuda</c>, <c>cuda:N</c>) into a TorchSharp device.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// Resolves <paramref name="spec"/> (case-insensitive): <c>auto</c> = the first CUDA device when
    /// <c>torch.cuda.is_available()</c>, else the CPU; <c>cpu</c>; <c>cuda</c> = CUDA device 0; <c>cuda:N</c>.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown spec, or CUDA requested where it is not available.</exception>
    public static Device Resolve(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var s = spec.Trim().ToLowerInvariant();
        if (s == "cpu")
            return torch.CPU;
        if (s == "auto")
            return torch.cuda.is_available() ? torch.CUDA : torch.CPU;
        if (s == "cuda" || s.StartsWith("cuda:", StringComparison.Ordinal))
        {
            var index = 0;
            if (s.Length > 4 && !int.TryParse(s.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out index))
                throw new ArgumentException($"Unknown device '{spec}': use auto, cpu, cuda or cuda:N.", nameof(spec));
            if (!torch.cuda.is_available())
                throw new ArgumentException($"Device '{spec}' requested but CUDA is not available (no GPU found, or the TorchSharp CPU backend is installed); use --device cpu or auto.", nameof(spec));
            var count = torch.cuda.device_count();
            if (index >= count)
                throw new ArgumentException($"Device '{spec}' requested but only {count} CUDA device(s) exist.", nameof(spec));
            return torch.device(DeviceType.CUDA, index);
        }
        throw new ArgumentException($"Unknown device '{spec}': use auto, cpu, cuda or cuda:N.", nameof(spec));
    }
}
