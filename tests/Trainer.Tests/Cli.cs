using System.CommandLine;
using SpeechEmotion.Trainer.Commands;

namespace SpeechEmotion.Trainer.Tests;

/// <summary>Runs the CLI in-process as Program does, capturing standard output and error.</summary>
internal static class Cli
{
    private static readonly Lock ConsoleLock = new();

    public static (int ExitCode, string Out, string Error) Run(params string[] args)
    {
        var root = new RootCommand("test");
        foreach (var command in CommandCatalog.All())
            root.Subcommands.Add(command);
        lock (ConsoleLock)
        {
            var (oldOut, oldError) = (Console.Out, Console.Error);
            var (output, error) = (new StringWriter(), new StringWriter());
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                int code = CliRunner.RunAsync(root, args).GetAwaiter().GetResult();
                return (code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
            }
        }
    }
}
