using System.Reflection;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace SpeechEmotion.Notebooks.Tests;

/// <summary>What a notebook cell can call besides the libraries: the kernel's <c>display</c>.</summary>
public sealed class NotebookGlobals
{
    /// <summary>Everything passed to <see cref="display"/>, in order.</summary>
    public List<object?> Displayed { get; } = [];

#pragma warning disable IDE1006 // the .NET Interactive kernel spells it in lower case
    /// <summary>Records a value as the notebook kernel would show it.</summary>
    public object? display(object? value)
    {
        Displayed.Add(value);
        return value;
    }
#pragma warning restore IDE1006
}

/// <summary>
/// Runs the C# code cells of a .NET Interactive notebook in order with Roslyn scripting, as the kernel
/// would: <c>#r "nuget: ..."</c> and <c>#i</c> lines are dropped and the project's built assemblies are
/// referenced instead; variables carry over from cell to cell.
/// </summary>
public static class NotebookRunner
{
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

    /// <summary>Removes the kernel directives that Roslyn scripting does not understand.</summary>
    public static string StripKernelDirectives(string code) =>
        string.Join('\n', code.Split('\n').Where(line =>
        {
            var t = line.TrimStart();
            return !(t.StartsWith("#r \"nuget:", StringComparison.Ordinal) || t.StartsWith("#i ", StringComparison.Ordinal)
                || t.StartsWith("#!", StringComparison.Ordinal));
        }));

    /// <summary>Runs every code cell; throws with the cell number when one fails.</summary>
    public static async Task<NotebookGlobals> RunAsync(string notebookPath, IEnumerable<Assembly> references)
    {
        var options = ScriptOptions.Default
            .AddReferences(references)
            .AddImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks");
        var globals = new NotebookGlobals();
        ScriptState<object>? state = null;
        var cells = CodeCells(notebookPath);
        for (int i = 0; i < cells.Count; i++)
        {
            var code = StripKernelDirectives(cells[i]);
            try
            {
                state = state is null
                    ? await CSharpScript.RunAsync(code, options, globals, typeof(NotebookGlobals))
                    : await state.ContinueWithAsync(code, options);
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"{Path.GetFileName(notebookPath)}: cell {i + 1} failed: {e.Message}", e);
            }
        }
        return globals;
    }
}
