using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using SpeechEmotion.Inference;
using SpeechEmotion.Tests.Inference;

namespace SpeechEmotion.Web.Tests;

/// <summary>
/// The app on an in-memory test server, configured (Model:Path) with a bundle of seeded random weights, and a
/// recognizer loaded directly from the same bundle to compare answers with.
/// </summary>
public sealed class WebAppFixture : IDisposable
{
    /// <summary>Upload limit of the test app: above every sample clip, far below the default.</summary>
    public const long MaxUploadBytes = 400_000;

    private readonly string _directory = Directory.CreateTempSubdirectory("se-web-").FullName;

    public WebAppFixture()
    {
        BundlePath = Path.Combine(_directory, "random.semodel");
        TestBundles.SaveRandomBundle(BundlePath);
        Recognizer = EmotionRecognizer.Load(BundlePath);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web => web
            .UseSetting("Model:Path", BundlePath)
            .UseSetting("Upload:MaxBytes", MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    public string BundlePath { get; }

    public EmotionRecognizer Recognizer { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        Recognizer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
