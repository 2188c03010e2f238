using System.CommandLine;

namespace SpeechEmotion.Trainer.Training;

/// <summary>The flags train and cv share, and how they override a <see cref="RunConfiguration"/>.</summary>
internal sealed class TrainingFlags
{
    public Option<string[]> Data { get; } = CliOptions.Data();

    public Option<int?> Epochs { get; } = CliOptions.PositiveInt("--epochs", "Maximum epochs (default 100).");

    public Option<int?> BatchSize { get; } = CliOptions.PositiveInt("--batch-size", "Clips per batch (default 32).");

    public Option<double?> LearningRate { get; } = new("--lr")
    {
        Description = "Initial learning rate (default 1e-3).",
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<double?>() is double v && !(v > 0 && double.IsFinite(v)))
                    r.AddError($"--lr must be a positive number (got {v}).");
            },
        },
    };

    public Option<string?> Device { get; } = CliOptions.Device();

    public Option<string?> Config { get; } = new("--config")
    {
        Description = "JSON file with training, model, features, augmentation, validation sections (snake_case); flags override it.",
    };

    public Option<int?> Augment { get; } = new("--augment")
    {
        Description = "Augmented copies per training clip (gain, noise, shift, speed, and crop, padding, reverberation when configured; default 0).",
        Validators =
        {
            r =>
            {
                if (r.GetValueOrDefault<int?>() is int v && v < 0)
                    r.AddError($"--augment must be 0 or more (got {v}).");
            },
        },
    };

    public Option<int?> ValidationActors { get; } =
        CliOptions.PositiveInt("--validation-actors", "Speakers held out for validation from each training corpus with 10 or more speakers (default 2: one male, one female); smaller corpora give one or none.");

    public Option<int?> Threads { get; } = CliOptions.PositiveInt("--threads", "LibTorch threads (default: all cores).");

    public Option<bool> IncludeSong { get; } = CliOptions.IncludeSong();

    public Option<string?> Cache { get; } = CliOptions.Cache();

    public Option<int?> Workers { get; } = CliOptions.Workers();

    /// <summary>Every shared flag, for adding to a command.</summary>
    public IEnumerable<Option> All => [Data, Epochs, BatchSize, LearningRate, Device, Config, Augment, ValidationActors, Threads, IncludeSong, Cache, Workers];

    /// <summary>Flags that change what a run computes (not allowed when resuming; --epochs may extend a run).</summary>
    public IEnumerable<Option> Settings => [BatchSize, LearningRate, Config, Augment, ValidationActors, IncludeSong];

    /// <summary>The config file (or defaults) with the explicit flags applied.</summary>
    public RunConfiguration Build(ParseResult parse)
    {
        var run = parse.GetValue(Config) is { } file ? RunConfiguration.Load(file) : new RunConfiguration();
        var training = run.Training;
        if (parse.GetValue(Epochs) is int e) training = training with { Epochs = e };
        if (parse.GetValue(BatchSize) is int b) training = training with { BatchSize = b };
        if (parse.GetValue(LearningRate) is double lr) training = training with { LearningRate = lr };
        run = run with { Training = training };
        if (parse.GetValue(Augment) is int k) run = run with { Augmentation = run.Augmentation with { Copies = k } };
        if (parse.GetValue(ValidationActors) is int v) run = run with { Validation = run.Validation with { Actors = v } };
        if (parse.IsGiven(IncludeSong)) run = run with { IncludeSong = parse.GetValue(IncludeSong) };
        return run;
    }

    /// <summary>Device and threads: where and how fast, which may change when a run is resumed.</summary>
    public RunConfiguration ApplyRuntime(ParseResult parse, RunConfiguration run)
    {
        if (parse.GetValue(Device) is { } d) run = run with { Training = run.Training with { Device = d } };
        if (parse.GetValue(Threads) is int t) run = run with { Training = run.Training with { Threads = t } };
        return run;
    }
}
