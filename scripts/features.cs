#!/usr/bin/env -S dotnet run
// Extracts the model's input features from a WAV/AIFF file, as librosa would (see FeatureOptions):
// MFCC 0-39, delta 40-79, delta-delta 80-119, RMS 120; 248 frames, zero-padded or cut.
//   dotnet run scripts/features.cs FILE.wav            summary per feature group
//   dotnet run scripts/features.cs FILE.wav OUT.csv    also writes the matrix, one frame per line
#:project ../src/SpeechEmotion.Features/SpeechEmotion.Features.csproj
#:property PublishAot=false
using System.Globalization;
using SpeechEmotion.Audio;
using SpeechEmotion.Features;

if (args.Length is < 1 or > 2)
{
    Console.Error.WriteLine("usage: dotnet run scripts/features.cs FILE.wav [OUT.csv]");
    return 2;
}

try
{
    var extractor = new FeatureExtractor();
    var audio = WavReader.Read(args[0]);
    var features = extractor.Extract(audio);
    int resampledLength = (int)Math.Ceiling(audio.Samples.Length * (double)extractor.Options.SampleRate / audio.SampleRate);
    int valid = Math.Min(extractor.FrameCount(resampledLength), features.Frames);
    Console.WriteLine($"{args[0]}: {audio.SampleRate} Hz, {audio.DurationSeconds:F2} s ({Resampler.Backend} resampler) -> " +
        $"{features.Frames} x {features.Features} features, {valid} frames from the audio");
    foreach (var (name, from, to) in new[] { ("mfcc", 0, 40), ("delta", 40, 80), ("delta2", 80, 120), ("rms", 120, 121) })
    {
        var values = Enumerable.Range(0, valid).SelectMany(t => Enumerable.Range(from, to - from).Select(c => (double)features[t, c])).ToArray();
        Console.WriteLine($"  {name,-7} min {values.Min(),10:F4}  mean {values.Average(),10:F4}  max {values.Max(),10:F4}");
    }
    if (args.Length == 2)
    {
        var tmp = args[1] + ".tmp";
        File.WriteAllLines(tmp, Enumerable.Range(0, features.Frames).Select(t =>
            string.Join(',', Enumerable.Range(0, features.Features).Select(c => features[t, c].ToString("G7", CultureInfo.InvariantCulture)))));
        File.Move(tmp, args[1], overwrite: true);
        Console.WriteLine($"wrote {args[1]}");
    }
    return 0;
}
catch (Exception e) when (e is AudioFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine(e is FileNotFoundException or DirectoryNotFoundException ? $"error: {args[0]}: file not found" : $"error: {e.Message}");
    return 1;
}
