using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace SpeechEmotion.Web;

/// <summary>
/// Reads the uploaded audio of a request into memory (never to disk): a multipart form field <c>file</c>, or a
/// raw audio body (<c>audio/wav</c>, <c>audio/mpeg</c>, <c>audio/ogg</c>, <c>application/octet-stream</c>...).
/// Enforces the size limit while reading. The format is told from the content later, not from the type.
/// </summary>
internal static class UploadReader
{
    private const string FieldName = "file";
    private const string RawBodyName = "upload.wav";

    /// <summary>Raw body types and the name a raw body gets in messages and results.</summary>
    private static readonly (string Type, string Name)[] RawTypes =
    [
        ("audio/wav", RawBodyName), ("audio/wave", RawBodyName), ("audio/x-wav", RawBodyName), ("audio/vnd.wave", RawBodyName),
        ("audio/aiff", "upload.aiff"), ("audio/x-aiff", "upload.aiff"),
        ("audio/mpeg", "upload.mp3"), ("audio/mp3", "upload.mp3"),
        ("audio/ogg", "upload.ogg"), ("audio/vorbis", "upload.ogg"), ("application/ogg", "upload.ogg"),
        ("application/octet-stream", RawBodyName),
    ];

    /// <summary>The file name (for messages and results) and the bytes of the upload.</summary>
    /// <exception cref="ApiError">413 too large, 415 unsupported request type, 400 malformed, cut off or empty.</exception>
    public static async Task<(string Name, byte[] Bytes)> ReadAsync(HttpRequest request, UploadSettings limits, CancellationToken ct)
    {
        if (request.ContentLength > limits.MaxRequestBytes) throw TooLarge(limits);
        try
        {
            var (name, bytes) = await ReadBodyAsync(request, limits, ct);
            request.HttpContext.Features.Set(new UploadedFile(name, bytes.Length));
            if (bytes.Length == 0) throw new ApiError(StatusCodes.Status400BadRequest, $"{name}: the upload is empty");
            return (name, bytes);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(limits);
        }
        catch (InvalidDataException e)
        {
            throw new ApiError(StatusCodes.Status400BadRequest, $"malformed multipart upload: {e.Message}");
        }
        catch (IOException) when (!ct.IsCancellationRequested)
        {
            // The body ended early (BadHttpRequestException, or the multipart reader's "Unexpected end of Stream").
            throw new ApiError(StatusCodes.Status400BadRequest, "the upload was cut off before its end; send the whole file again");
        }
    }

    private static async Task<(string, byte[])> ReadBodyAsync(HttpRequest request, UploadSettings limits, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type))
            throw Unsupported(request.ContentType);
        if (type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            string boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value
                ?? throw new ApiError(StatusCodes.Status400BadRequest, "multipart upload without a boundary");
            var reader = new MultipartReader(boundary, request.Body);
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                if (ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    && disposition.Name.Value == FieldName)
                {
                    string name = SafeName(disposition.FileName.Value ?? disposition.FileNameStar.Value);
                    return (name, await ReadLimitedAsync(section.Body, limits, ct));
                }
            }
            throw new ApiError(StatusCodes.Status400BadRequest, $"the multipart upload has no '{FieldName}' field");
        }
        foreach (var (rawType, rawName) in RawTypes)
        {
            if (type.MediaType.Equals(rawType, StringComparison.OrdinalIgnoreCase))
                return (rawName, await ReadLimitedAsync(request.Body, limits, ct));
        }
        throw Unsupported(request.ContentType);
    }

    private static async Task<byte[]> ReadLimitedAsync(Stream body, UploadSettings limits, CancellationToken ct)
    {
        using var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            if (copy.Length + read > limits.MaxBytes) throw TooLarge(limits);
            copy.Write(buffer, 0, read);
        }
        return copy.ToArray();
    }

    /// <summary>The client's file name without directories or control characters, at most 100 characters.</summary>
    private static string SafeName(string? fileName)
    {
        string name = Path.GetFileName((fileName ?? "").Replace('\\', '/').Trim('"'));
        name = new string(name.Where(c => !char.IsControl(c)).Take(100).ToArray());
        return name.Length == 0 ? RawBodyName : name;
    }

    private static ApiError TooLarge(UploadSettings limits) =>
        new(StatusCodes.Status413PayloadTooLarge,
            string.Create(CultureInfo.InvariantCulture, $"the upload is larger than the limit of {limits.MaxBytes / (1024.0 * 1024):0.##} MB"));

    private static ApiError Unsupported(string? contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType,
            $"unsupported request type '{contentType}': send a WAV, AIFF, MP3 or Ogg Vorbis file as multipart/form-data field '{FieldName}' or as an audio/wav, audio/mpeg or audio/ogg body");
}
