#!/usr/bin/env -S dotnet run
// Predicts the emotion of speech clips with the model bundled in SpeechEmotion (or a bundle file).
//   dotnet run scripts/predict.cs FILE.wav [FILE.wav ...]
//   dotnet run scripts/predict.cs --model runs/x/model.semodel FILE.wav
// The TorchSharp backend comes from the repository's build settings (TorchBackend=cpu by default, cuda with
// TorchBackend=cuda in the environment), which also fix native loading on older Linux distributions.
#:project ../src/SpeechEmotion/SpeechEmotion.csproj
#:property UsesTorchBackend=true
#:property PublishAot=false
using SpeechEmotion.Audio;
using SpeechEmotion.Inference;

var files = args.ToList();
string? model = null;
if (files.IndexOf("--model") is var m and >= 0)
{
    if (m + 1 >= files.Count) return Fail("--model needs a bundle file (*.semodel)");
    model = files[m + 1];
    files.RemoveRange(m, 2);
}
if (files.Count == 0) return Fail("usage: dotnet run scripts/predict.cs [--model FILE.semodel] FILE.wav [FILE.wav ...]");

try
{
    using var recognizer = model is null ? EmotionRecognizer.LoadDefault() : EmotionRecognizer.Load(model);
    var failed = 0;
    foreach (var file in files)
    {
        try
        {
            var p = recognizer.Predict(file);
            Console.WriteLine($"{file}: {p.Label} ({p.Confidence:0%})  " +
                string.Join(" ", p.Probabilities.Select(kv => $"{kv.Key}={kv.Value:0.000}")));
        }
        catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine(e is FileNotFoundException or DirectoryNotFoundException ? $"error: {file}: file not found" : $"error: {e.Message}");
            failed++;
        }
    }
    return failed == 0 ? 0 : 1;
}
catch (Exception e) when (e is InvalidDataException or InvalidOperationException or ArgumentException or IOException)
{
    return Fail(e.Message);
}

static int Fail(string message)
{
    Console.Error.WriteLine($"error: {message}");
    return 2;
}
