using System.CommandLine;
using SpeechEmotion.Trainer.Commands;

namespace SpeechEmotion.Trainer.Tests.Training;

/// <summary>Runs the command line in-process and captures what it prints.</summary>
internal static class Cli
{
    private static readonly Lock Gate = new();

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldErr) = (Console.Out, Console.Error);
            using var output = new StringWriter();
            using var error = new StringWriter();
            Console.SetOut(output);
            Console.SetError(error);
            try
            {
                var root = new RootCommand("test");
                foreach (var command in CommandCatalog.All())
                    root.Subcommands.Add(command);
                var exit = CliRunner.RunAsync(root, args).GetAwaiter().GetResult();
                return (exit, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldErr);
            }
        }
    }
}
