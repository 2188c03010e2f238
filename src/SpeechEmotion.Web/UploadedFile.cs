namespace SpeechEmotion.Web;

/// <summary>Request feature set by <see cref="UploadReader"/> once the upload is read: its name and size, for the logs.</summary>
/// <param name="Name">The sanitised file name (see <see cref="UploadReader"/>).</param>
/// <param name="Bytes">Size of the audio file itself (without multipart framing), in bytes.</param>
internal sealed record UploadedFile(string Name, long Bytes);
