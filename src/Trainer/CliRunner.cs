using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SpeechEmotion.Trainer;

/// <summary>Thrown by commands for a failure the user should see as one line (exit code 1).</summary>
internal sealed class CliException(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>Runs the command line: usage errors exit 2, failures exit 1 with one line, never a stack trace.</summary>
internal static class CliRunner
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        Harden(root);
        // No response files: "@LIST" is predict's list of clips, read by the command itself (relative paths, comments).
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            // One line per problem; the hint rides on the last one so a single mistake is a single line.
            for (int i = 0; i < parse.Errors.Count; i++)
            {
                string hint = i == parse.Errors.Count - 1 ? " (run with --help for usage)" : "";
                Console.Error.WriteLine($"error: {Describe(parse.Errors[i])}{hint}");
            }
            return UsageError;
        }
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CliException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return e.ExitCode;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {WithoutParameterName(e)}");
            return Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SpeechEmotion.Audio.AudioFormatException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Failure;
        }
    }

    /// <summary>The parser's message, with "Cannot parse argument 'abc' for option '--x' as expected type 'System.Int32'" put plainly.</summary>
    private static string Describe(ParseError error)
    {
        if (!error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal))
            return error.Message;
        var (name, type, tokens) = error.SymbolResult switch
        {
            OptionResult o => (o.Option.Name, o.Option.ValueType, o.Tokens),
            ArgumentResult a => (a.Argument.Name, a.Argument.ValueType, a.Tokens),
            _ => (null, null, null),
        };
        if (name is null || type is null || tokens is null)
            return error.Message;
        type = Nullable.GetUnderlyingType(type) ?? (type.IsArray ? type.GetElementType()! : type);
        string expected = type == typeof(int) || type == typeof(long) ? "a whole number"
            : type == typeof(double) || type == typeof(float) ? "a number"
            : $"a {type.Name}";
        string given = string.Join(" ", tokens.Select(t => t.Value));
        return $"{name} expects {expected}, not '{given}'";
    }

    /// <summary>ArgumentException appends " (Parameter 'name')", which means nothing to a CLI user.</summary>
    internal static string WithoutParameterName(ArgumentException e) =>
        e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : e.Message;

    /// <summary>
    /// Makes every command of the tree safe against hostile tokens. Validators that read a value throw when the
    /// token did not convert (<c>--hop abc</c>); the parser reports that conversion error itself, so the validator
    /// is skipped. Unmatched <c>--name</c> tokens would otherwise be taken as file arguments.
    /// </summary>
    private static void Harden(Command command)
    {
        foreach (var option in command.Options)
        {
            for (int i = 0; i < option.Validators.Count; i++)
            {
                var inner = option.Validators[i];
                option.Validators[i] = result =>
                {
                    if (Converts(result)) inner(result);
                };
            }
        }
        foreach (var argument in command.Arguments)
        {
            for (int i = 0; i < argument.Validators.Count; i++)
            {
                var inner = argument.Validators[i];
                argument.Validators[i] = result =>
                {
                    if (Converts(result)) inner(result);
                };
            }
            argument.Validators.Add(RejectUnknownOptions);
        }
        foreach (var subcommand in command.Subcommands)
        {
            Harden(subcommand);
        }
    }

    private static bool Converts(SymbolResult result)
    {
        try
        {
            _ = result switch
            {
                OptionResult option => option.GetValueOrDefault<object?>(),
                ArgumentResult argument => argument.GetValueOrDefault<object?>(),
                _ => null,
            };
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;   // the parser adds "Cannot parse argument ..." for this token
        }
    }

    private static void RejectUnknownOptions(ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            string text = token.Value;
            // A file really named "-x.wav" still works, as does a negative number.
            if (text.Length > 1 && text[0] == '-' && !File.Exists(text) && !Directory.Exists(text)
                && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                result.AddError($"unknown option '{text}'");
                return;
            }
        }
    }
}
