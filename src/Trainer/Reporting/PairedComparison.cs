namespace SpeechEmotion.Trainer.Reporting;

/// <summary>A paired t-test of two recipes over the same runs: mean difference (a - b), its 95% interval, t and two-sided p.</summary>
internal sealed record PairedComparison(int Pairs, double MeanDifference, double Ci95Low, double Ci95High, double T, double P)
{
    /// <summary>"+0.048 [0.012, 0.084], t(3) = 4.21, p = 0.024".</summary>
    public override string ToString() =>
        $"{MeanDifference:+0.000;-0.000;0.000} [{Ci95Low:0.000}, {Ci95High:0.000}], t({Pairs - 1}) = {T:0.00}, p = {P:0.000}";
}
