namespace SpeechEmotion.Audio;

/// <summary>The container of an audio file, as <see cref="AudioReader.Detect"/> recognises it from the first bytes.</summary>
public enum AudioFileFormat
{
    /// <summary>None of the formats below.</summary>
    Unknown,

    /// <summary>RIFF/RIFX/RF64/BW64 WAVE (<c>RIFF....WAVE</c>), read by <see cref="WavReader"/>.</summary>
    Wav,

    /// <summary>AIFF or AIFF-C (<c>FORM....AIFF</c>/<c>AIFC</c>), read by <see cref="WavReader"/>.</summary>
    Aiff,

    /// <summary>MPEG audio layer I/II/III: an ID3v2 tag or an MPEG frame header first.</summary>
    Mp3,

    /// <summary>An Ogg stream (<c>OggS</c>); only Vorbis in it can be decoded.</summary>
    OggVorbis,
}
