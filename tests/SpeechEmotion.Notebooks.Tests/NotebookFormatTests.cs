using System.Text.Json;
using System.Text.RegularExpressions;

namespace SpeechEmotion.Notebooks.Tests;

public sealed partial class NotebookFormatTests
{
    private static string[] Names() =>
        Directory.GetFiles(NotebookFolder.Path, "*.ipynb").Select(p => Path.GetFileName(p)).Order(StringComparer.Ordinal).ToArray();

    public static TheoryData<string> Notebooks => new(Names());

    [Fact]
    public void NotebooksFolder_HoldsTheThreeNotebooks()
    {
        // Given the notebooks folder
        // When its notebooks are listed
        var names = Names();

        // Then the features, training and prediction notebooks are there
        Assert.Equal(["01-features.ipynb", "02-train.ipynb", "03-predict.ipynb"], names);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_IsNbformat4_ForTheDotNetInteractiveCSharpKernel_WithOutputsCleared(string name)
    {
        // Given a notebook file
        using var doc = JsonDocument.Parse(File.ReadAllText(NotebookFolder.Notebook(name)));
        var root = doc.RootElement;

        // When its format, kernel metadata and code cells are read
        var kernel = root.GetProperty("metadata").GetProperty("kernelspec");
        var codeCells = root.GetProperty("cells").EnumerateArray().Where(c => c.GetProperty("cell_type").GetString() == "code").ToArray();

        // Then it opens in Jupyter / Polyglot Notebooks with the C# kernel and carries no stale outputs
        Assert.Equal(4, root.GetProperty("nbformat").GetInt32());
        Assert.Equal(".net-csharp", kernel.GetProperty("name").GetString());
        Assert.Equal(".NET (C#)", kernel.GetProperty("display_name").GetString());
        Assert.Equal("C#", kernel.GetProperty("language").GetString());
        Assert.Equal("C#", root.GetProperty("metadata").GetProperty("language_info").GetProperty("name").GetString());
        Assert.NotEmpty(codeCells);
        Assert.All(codeCells, c =>
        {
            Assert.Empty(c.GetProperty("outputs").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, c.GetProperty("execution_count").ValueKind);
        });
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_FirstCodeCell_OnlyReferencesVersionedPackages(string name)
    {
        // Given a notebook's code cells
        var cells = NotebookRunner.CodeCells(NotebookFolder.Notebook(name));

        // When the first one is read
        var lines = cells[0].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        // Then it holds only package references: pinned versions, or the newest local build of this repository's
        // libraries (*-*, from the NuGet.config source scripts/pack-local.sh fills); no relative #i source, which the
        // kernel refuses; and no later cell adds any
        Assert.All(lines, l => Assert.Matches(DirectiveLine(), l));
        Assert.DoesNotContain(lines, l => l.StartsWith("#i ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("#r ", StringComparison.Ordinal));
        Assert.All(cells.Skip(1), c => Assert.DoesNotContain("#r \"nuget:", c));
    }

    [Fact]
    public void StripKernelDirectives_RemovesPackageLinesOnly_KeepingLineNumbers()
    {
        // Given a cell with kernel directives and code
        var cell = "#i \"nuget: ../artifacts/packages\"\n#r \"nuget: ScottPlot, 5.1.59\"\nvar x = 1; // #r \"nuget: not at line start\"\n#!csharp\nx";

        // When the directives are stripped
        var code = NotebookRunner.StripKernelDirectives(cell);

        // Then the code lines stay where they were and the directives are blank
        Assert.Equal(["", "", "var x = 1; // #r \"nuget: not at line start\"", "", "x"], code.Split('\n'));
    }

    [GeneratedRegex("""^(#r "nuget: [A-Za-z0-9.\-]+, \d+\.\d+\.\d+[^"]*"|#r "nuget: SpeechEmotion(\.Features)?, \*-\*")$""")]
    private static partial Regex DirectiveLine();
}
