using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SpeechEmotion.Notebooks.Tests;

/// <summary>
/// Runs the C# code cells of a .NET Interactive notebook in order with Roslyn scripting, as the kernel
/// would: <c>#r "nuget: ..."</c> and <c>#i</c> lines are dropped and the assemblies this test project was
/// built with (the project's libraries, TorchSharp, ScottPlot, the framework) are referenced instead;
/// variables carry over from cell to cell, and the working directory is the notebook's folder.
/// </summary>
public static class NotebookRunner
{
    /// <summary>Namespaces the .NET Interactive C# kernel imports before the first cell.</summary>
    private static readonly string[] KernelImports =
        ["System", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly Lazy<ScriptOptions> Options = new(() => ScriptOptions.Default
        .WithReferences(BuiltAssemblies())
        .WithImports(KernelImports)
        .WithEmitDebugInformation(false));

    /// <summary>The code cells of <paramref name="notebookPath"/>, in order.</summary>
    public static IReadOnlyList<string> CodeCells(string notebookPath)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(notebookPath));
        var cells = new List<string>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            if (cell.GetProperty("cell_type").GetString() != "code") continue;
            var source = cell.GetProperty("source");
            cells.Add(source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? "");
        }
        return cells;
    }

    /// <summary>Removes the kernel directives that Roslyn scripting does not understand (package references, sources, magic commands).</summary>
    public static string StripKernelDirectives(string code) =>
        string.Join('\n', code.Split('\n').Select(line =>
        {
            var t = line.TrimStart();
            var directive = t.StartsWith("#r \"nuget:", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal)
                || t.StartsWith("#!", StringComparison.Ordinal);
            return directive ? "" : line; // keep the line count, so error positions match the cell
        }));

    /// <summary>
    /// Runs every code cell; throws <see cref="NotebookCellException"/> naming the cell when one does not compile or throws.
    /// </summary>
    public static async Task<NotebookRun> RunAsync(string notebookPath)
    {
        var globals = new NotebookGlobals();
        var cells = CodeCells(notebookPath);
        var previousDirectory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        try
        {
            ScriptState<object>? state = null;
            for (int i = 0; i < cells.Count; i++)
            {
                var code = StripKernelDirectives(cells[i]);
                try
                {
                    state = state is null
                        ? await CSharpScript.RunAsync(code, Options.Value, globals, typeof(NotebookGlobals))
                        : await state.ContinueWithAsync(code, Options.Value);
                }
                catch (Exception e)
                {
                    throw new NotebookCellException(Path.GetFileName(notebookPath), i + 1, cells[i], e);
                }
                // A cell's last expression without a semicolon is displayed by the kernel.
                if (state.ReturnValue is { } value) globals.display(value);
            }
            return new NotebookRun(globals.Displayed, state);
        }
        finally
        {
            Environment.CurrentDirectory = previousDirectory;
        }
    }

    /// <summary>Every assembly this test process may load: the framework's and the test's dependencies.</summary>
    private static IEnumerable<MetadataReference> BuiltAssemblies() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) && IsManaged(p))
            .Select(p => MetadataReference.CreateFromFile(p));

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }
}
