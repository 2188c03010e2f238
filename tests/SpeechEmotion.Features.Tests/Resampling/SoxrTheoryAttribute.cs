using SpeechEmotion.Audio;

namespace SpeechEmotion.Tests.Resampling;

/// <summary>A theory that is skipped (and says so) on machines without libsoxr.</summary>
public sealed class SoxrTheoryAttribute : TheoryAttribute
{
    public SoxrTheoryAttribute()
    {
        if (!Resampler.SoxrAvailable)
            Skip = "libsoxr is not installed (apt-get install libsoxr0): these tests compare with librosa's soxr_hq resampler";
    }
}
