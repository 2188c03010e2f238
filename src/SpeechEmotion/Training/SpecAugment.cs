using SpeechEmotion.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace SpeechEmotion.Training;

/// <summary>Applies <see cref="SpecAugmentOptions"/> masks to a normalized batch, drawing from torch's global generator.</summary>
internal static class SpecAugment
{
    /// <summary>Returns <paramref name="x"/> <c>[B, T, F]</c> with random time and feature bands set to 0.</summary>
    public static Tensor Apply(Tensor x, Tensor validFrames, SpecAugmentOptions options)
    {
        var (batch, frames, features) = (x.shape[0], x.shape[1], x.shape[2]);
        using var scalars = new HeldScalars();
        var timeMask = Bands(batch, options.TimeMasks, options.MaxTimeMaskFrames, validFrames.clamp(scalars.Of(1L), scalars.Of(frames)), frames, x.device, scalars);
        var featureMask = Bands(batch, options.FeatureMasks, options.MaxFeatureMaskWidth,
            torch.full([batch], scalars.Of(features), ScalarType.Int64, device: x.device), features, x.device, scalars);
        var mask = timeMask.unsqueeze(2).logical_or(featureMask.unsqueeze(1));
        return x.masked_fill(mask, scalars.Of(0f));
    }

    // count bands per row, each of width uniform in [0, maxWidth] starting uniformly in [0, extent - width].
    private static Tensor Bands(long batch, int count, int maxWidth, Tensor extent, long length, Device device, HeldScalars scalars)
    {
        if (count == 0 || maxWidth == 0)
            return torch.zeros([batch, length], ScalarType.Bool, device);
        var extentF = extent.to(ScalarType.Float32).unsqueeze(1);
        var width = (torch.rand([batch, count], device: device) * scalars.Of(maxWidth + 1f)).floor().minimum(extentF);
        var start = (torch.rand([batch, count], device: device) * (extentF - width).add(scalars.Of(1f), scalars.One)).floor();
        var position = scalars.ArangeFloat(length, device).view(1, 1, -1);
        var inside = position.ge(start.unsqueeze(2)).logical_and(position.lt(start.add(width, scalars.One).unsqueeze(2)));
        return inside.any(1);
    }
}
