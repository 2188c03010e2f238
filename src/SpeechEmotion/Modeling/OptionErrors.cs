namespace SpeechEmotion.Modeling;

/// <summary>Collects every problem of an options record so one exception can list them all.</summary>
internal sealed class OptionErrors(string subject)
{
    private readonly List<string> problems = [];

    /// <summary>Records <paramref name="problem"/> when <paramref name="ok"/> is false.</summary>
    public OptionErrors Check(bool ok, string problem)
    {
        if (!ok)
            problems.Add(problem);
        return this;
    }

    /// <summary>Throws one <see cref="ArgumentException"/> listing every recorded problem, if any.</summary>
    public void ThrowIfAny()
    {
        if (problems.Count > 0)
            throw new ArgumentException($"Invalid {subject}: {string.Join("; ", problems)}.");
    }
}
