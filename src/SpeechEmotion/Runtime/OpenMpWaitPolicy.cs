namespace SpeechEmotion.Runtime;

/// <summary>
/// Makes LibTorch's OpenMP threads sleep rather than spin while they wait for work. With the default (active)
/// policy, on a 2-core machine where another process held one core, a 2-thread training step took 4.4 s instead of
/// 0.24 s and single predictions up to 2 s: each thread spun while the other waited for the core. Passive waiting
/// costs nothing measurable on an idle machine (see README, "Busy machines"). OpenMP reads <c>OMP_WAIT_POLICY</c>
/// once, when LibTorch loads, so this sets it in the process environment before the first tensor; a value the
/// user has set is kept.
/// </summary>
public static class OpenMpWaitPolicy
{
    /// <summary>The environment variable OpenMP reads.</summary>
    public const string Variable = "OMP_WAIT_POLICY";

    private static readonly NativeEnvironmentDefault Setting = new(Variable, "PASSIVE");

    /// <summary>The policy in the process environment after <see cref="Apply"/> (null before, or where it could not be set).</summary>
    public static string? Effective => Setting.Effective;

    /// <summary>Sets <c>OMP_WAIT_POLICY=PASSIVE</c> unless it is set already. Call before the first tensor; idempotent.</summary>
    public static void Apply() => Setting.Apply();
}
