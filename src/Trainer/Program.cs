using System.CommandLine;
using SpeechEmotion.Trainer;
using SpeechEmotion.Trainer.Commands;

// Each command lives in Commands/ and builds its own System.CommandLine definition.
var root = new RootCommand("SpeechEmotion: speech emotion recognition features, training and prediction.");
foreach (var command in CommandCatalog.All())
{
    root.Subcommands.Add(command);
}

return await CliRunner.RunAsync(root, args);
