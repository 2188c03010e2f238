using SpeechEmotion.Inference;

namespace SpeechEmotion.Tests.Inference;

/// <summary>One random-weight bundle on disk and a recognizer loaded from it, shared by the inference tests.</summary>
public sealed class RecognizerFixture : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("se-inference-").FullName;

    public RecognizerFixture()
    {
        BundlePath = Path.Combine(_directory, "random.semodel");
        TestBundles.SaveRandomBundle(BundlePath);
        Recognizer = EmotionRecognizer.Load(BundlePath);
    }

    public string BundlePath { get; }

    public EmotionRecognizer Recognizer { get; }

    public void Dispose()
    {
        Recognizer.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
