using System.Diagnostics;
using System.Text;

namespace SpeechEmotion.Package.Tests;

/// <summary>What a finished <c>dotnet</c> command printed and returned.</summary>
public sealed record CommandResult(string CommandLine, int ExitCode, string Output, TimeSpan Elapsed)
{
    /// <summary>The command, its exit code and everything it printed, for assertion messages.</summary>
    public override string ToString() =>
        $"$ {CommandLine}\n(exit code {ExitCode} after {Elapsed.TotalSeconds:F1} s)\n{Output}";
}

/// <summary>Runs the <c>dotnet</c> CLI in a child process, as a user would from a shell.</summary>
public static class DotNetCli
{
    /// <summary>Generous limit for one restore, build or run: CI machines are shared and slow.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    // Set by the test host's own MSBuild; a child build must find its SDK by itself.
    private static readonly string[] InheritedBuildVariables =
        ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG"];

    /// <summary>Runs <c>dotnet ARGS</c> in <paramref name="workingDirectory"/>; kills it after <paramref name="timeout"/>.</summary>
    public static CommandResult Run(string workingDirectory, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var v in InheritedBuildVariables) start.Environment.Remove(v);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        // No build servers or reused nodes: they would outlive the command and hold its output pipes open.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";

        var commandLine = "dotnet " + string.Join(' ', start.ArgumentList);
        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            lock (output) output.AppendLine($"(killed: no exit within {limit.TotalMinutes:F0} min)");
            return new CommandResult(commandLine, -1, output.ToString(), watch.Elapsed);
        }
        process.WaitForExit(); // drains the asynchronous output readers
        lock (output) return new CommandResult(commandLine, process.ExitCode, output.ToString(), watch.Elapsed);
    }

    /// <summary>Runs the command and fails the test, showing all of its output, unless it exits with 0.</summary>
    public static CommandResult RunChecked(string workingDirectory, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var result = Run(workingDirectory, args, timeout);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
