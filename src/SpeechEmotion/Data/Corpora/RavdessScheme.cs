using System.Globalization;

namespace SpeechEmotion.Data.Corpora;

/// <summary>
/// RAVDESS names <c>MM-VC-EE-II-SS-RR-AA.wav</c> (read by <see cref="Utterance.TryParse"/>): audio-only modality 03,
/// emotion codes 1-8 = neutral, calm, happy, sad, angry, fearful, disgust, surprised; actor <c>"01".."24"</c>,
/// odd actors male. Speech only unless constructed with <c>includeSong: true</c>.
/// </summary>
public sealed class RavdessScheme : FileNameScheme
{
    /// <summary>Creates the scheme.</summary>
    /// <param name="includeSong">Also accept song clips (vocal channel 02); by default they are left out.</param>
    public RavdessScheme(bool includeSong = false) => IncludeSong = includeSong;

    /// <summary>Whether song clips (vocal channel 02) are accepted.</summary>
    public bool IncludeSong { get; }

    /// <inheritdoc/>
    public override string Name => "ravdess";

    /// <inheritdoc/>
    public override string DisplayName => "RAVDESS";

    /// <inheritdoc/>
    public override string Licence => "CC BY-NC-SA 4.0";

    /// <inheritdoc/>
    public override bool TryParse(string fileName, string? parentFolder, out ParsedName parsed, out string problem)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        parsed = default;
        if (!Utterance.TryParse(fileName, out var utterance, out problem))
            return false;
        if (utterance.Modality != Utterance.AudioOnlyModality)
        {
            problem = $"modality {utterance.Modality:00} is not audio-only (03)";
            return false;
        }
        if (utterance.Channel == VocalChannel.Song && !IncludeSong)
        {
            problem = "song clip (vocal channel 02); include songs to use it";
            return false;
        }
        parsed = new ParsedName(
            EmotionVocabulary.All[utterance.Emotion - 1],
            utterance.Actor.ToString("00", CultureInfo.InvariantCulture),
            utterance.Gender);
        return true;
    }

    internal override string? ExclusionReason(string fileName) =>
        !IncludeSong && Utterance.TryParse(fileName, out var u, out _)
            && u.Modality == Utterance.AudioOnlyModality && u.Channel == VocalChannel.Song
            ? "RAVDESS song clips (vocal channel 02) left out; include songs to use them"
            : null;
}
