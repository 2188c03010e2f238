// A package consumer: loads the model bundled in the SpeechEmotion package and predicts one WAV file.
using SpeechEmotion.Inference;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: Consumer FILE.wav");
    return 2;
}

using var recognizer = EmotionRecognizer.LoadDefault();
var prediction = recognizer.Predict(args[0]);
Console.WriteLine($"labels: {string.Join(",", recognizer.Labels)}");
Console.WriteLine($"probability sum: {prediction.Probabilities.Values.Sum():F4}");
Console.WriteLine($"label: {prediction.Label}");
return 0;
