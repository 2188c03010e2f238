using Spectre.Console;
using Spectre.Console.Rendering;
using SpeechEmotion.Data;

namespace SpeechEmotion.Trainer.Reporting;

/// <summary>
/// The console of one command: Spectre.Console output on stdout, warnings on stderr, and live progress
/// when stdout is a terminal (plain progress lines when it is redirected, where Spectre shows nothing).
/// </summary>
internal sealed class ConsoleUi
{
    private const int MaxWarningsShown = 15;

    public ConsoleUi()
    {
        Interactive = !Console.IsOutputRedirected;
        Out = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Out),
            Interactive = Interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Ansi = Interactive ? AnsiSupport.Detect : AnsiSupport.No,
        });
        if (!Interactive)
            Out.Profile.Width = 160;   // logs: no wrapping at the default 80 columns
    }

    /// <summary>Stdout.</summary>
    public IAnsiConsole Out { get; }

    /// <summary>True when stdout is a terminal (live progress displays work).</summary>
    public bool Interactive { get; }

    /// <summary>One line of plain text (never wrapped).</summary>
    public void Line(string text = "") => Console.Out.WriteLine(text);

    /// <summary>A table or other renderable.</summary>
    public void Write(IRenderable renderable) => Out.Write(renderable);

    /// <summary>Warnings on stderr, at most <see cref="MaxWarningsShown"/> (the rest are counted; reports list them all).</summary>
    public void Warnings(IReadOnlyList<string> warnings, string? seeAlso = null)
    {
        foreach (var warning in warnings.Take(MaxWarningsShown))
            Console.Error.WriteLine($"warning: {warning}");
        if (warnings.Count > MaxWarningsShown)
            Console.Error.WriteLine($"warning: ... and {warnings.Count - MaxWarningsShown} more{(seeAlso is null ? "" : $" (all listed in {seeAlso})")}");
    }

    /// <summary>Runs <paramref name="load"/> with a progress bar (or a line every 10 %) fed by its progress reports.</summary>
    public FeatureLoadResult FeatureProgress(string description, Func<IProgress<FeatureLoadProgress>, FeatureLoadResult> load)
    {
        if (!Interactive)
            return load(new PlainFeatureProgress(this, description));
        return Out.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(description, maxValue: 1);
                var gate = new Lock();
                return load(new Progress(p =>
                {
                    lock (gate)
                    {
                        task.MaxValue = p.Total;
                        task.Value = Math.Max(task.Value, p.Done);
                        task.Description = $"{description} ({p.Extracted} extracted)";
                    }
                }));
            });
    }

    /// <summary>Runs <paramref name="work"/> inside a live progress display (null context when not interactive).</summary>
    public T LiveProgress<T>(Func<ProgressContext?, T> work)
    {
        if (!Interactive)
            return work(null);
        return Out.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context => work(context));
    }

    private sealed class Progress(Action<FeatureLoadProgress> report) : IProgress<FeatureLoadProgress>
    {
        public void Report(FeatureLoadProgress value) => report(value);
    }

    /// <summary>Prints "description: done/total" when another tenth is done.</summary>
    private sealed class PlainFeatureProgress(ConsoleUi ui, string description) : IProgress<FeatureLoadProgress>
    {
        private readonly Lock gate = new();
        private int printedTenths = -1;

        public void Report(FeatureLoadProgress value)
        {
            var tenths = value.Total == 0 ? 10 : value.Done * 10 / value.Total;
            lock (gate)
            {
                if (tenths <= printedTenths)
                    return;
                printedTenths = tenths;
                ui.Line($"{description}: {value.Done}/{value.Total} ({value.Extracted} extracted)");
            }
        }
    }
}
