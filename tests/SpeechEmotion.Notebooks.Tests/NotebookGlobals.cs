namespace SpeechEmotion.Notebooks.Tests;

/// <summary>What a notebook cell can call besides the libraries: the kernel's <c>display</c> and <c>HTML</c>.</summary>
public sealed class NotebookGlobals
{
    /// <summary>Everything passed to <see cref="display"/>, in order.</summary>
    public List<object?> Displayed { get; } = [];

#pragma warning disable IDE1006 // the .NET Interactive kernel spells them this way
    /// <summary>Records a value as the notebook kernel would show it.</summary>
    public object? display(object? value, params string[] mimeTypes)
    {
        Displayed.Add(value);
        return value;
    }

    /// <summary>Marks a string as HTML, as the kernel's <c>HTML(...)</c> does.</summary>
    public HtmlContent HTML(string content) => new(content);
#pragma warning restore IDE1006
}

/// <summary>HTML a cell displayed.</summary>
public sealed record HtmlContent(string Html)
{
    /// <inheritdoc/>
    public override string ToString() => Html;
}
