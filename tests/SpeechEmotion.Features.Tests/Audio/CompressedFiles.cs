namespace SpeechEmotion.Tests.Audio;

/// <summary>
/// The MP3 and Ogg Vorbis fixtures in TestData/compressed and the WAV files they were encoded from
/// (scripts/make-compressed-fixtures.sh): speech is 2.0 s of a sample clip at 22050 Hz mono; tone-stereo is 1.0 s
/// at 44100 Hz, 440 Hz left and 660 Hz right.
/// </summary>
internal static class CompressedFiles
{
    public static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "TestData", "compressed");

    /// <summary>The decoder delay NLayer leaves in (mpg123's GAPLESS_DELAY): output sample k is source sample k - 529.</summary>
    public const int Mp3DecoderDelay = 529;

    public static string PathOf(string file) => Path.Combine(Directory, file);

    public static byte[] Bytes(string file) => File.ReadAllBytes(PathOf(file));
}
