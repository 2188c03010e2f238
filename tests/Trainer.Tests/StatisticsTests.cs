using SpeechEmotion.Trainer.Reporting;
using SpeechEmotion.Trainer.Tests.Training;

namespace SpeechEmotion.Trainer.Tests;

public class StatisticsTests
{
    [Theory]
    [InlineData(1, 12.7062)]
    [InlineData(3, 3.18245)]
    [InlineData(4, 2.77645)]
    [InlineData(19, 2.09302)]
    public void TQuantile975_MatchesTheStudentTTable(int df, double expected) =>
        Assert.Equal(expected, Statistics.TQuantile975(df), 4);

    [Fact]
    public void MeanStd_Of4Folds_GivesTheStudentTInterval()
    {
        // Given the original recipe's four EmoBox folds (README)
        var m = MeanStd.Of([0.462, 0.473, 0.433, 0.478]);

        // Then the interval is mean +- t(0.975, 3) * std / sqrt(4)
        Assert.Equal(0.4615, m.Mean, 10);
        var half = 3.182446 * m.Std / 2;
        Assert.Equal(m.Mean - half, m.Ci95Low!.Value, 5);
        Assert.Equal(m.Mean + half, m.Ci95High!.Value, 5);
        Assert.Equal(4, m.Count);
        Assert.Equal("0.462 [0.429, 0.494]", m.Interval);
    }

    [Fact]
    public void MeanStd_OfOneValue_HasNoInterval()
    {
        var m = MeanStd.Of([0.5]);
        Assert.Null(m.Ci95Low);
        Assert.Equal("0.500", m.Interval);
    }

    [Fact]
    public void PairedT_AtTheCriticalValue_GivesP005_AndAnIntervalTouchingZero()
    {
        // Given differences whose t statistic is exactly t(0.975, 3) = 3.182446
        var shift = 3.182446 * Math.Sqrt(5.0 / 3) / 2 - 2.5;
        double[] a = [1 + shift, 2 + shift, 3 + shift, 4 + shift];

        // When they are tested against zero
        var result = Statistics.PairedT(a, [0, 0, 0, 0]);

        // Then p is 0.05 (two-sided) and the 95% interval of the difference starts at 0
        Assert.Equal(3.182446, result.T, 5);
        Assert.Equal(0.05, result.P, 5);
        Assert.Equal(0, result.Ci95Low, 5);
        Assert.Equal(3, result.Pairs - 1);
    }

    [Fact]
    public void PairedT_NeedsTwoMatchingPairs()
    {
        Assert.Throws<ArgumentException>(() => Statistics.PairedT([0.5], [0.4]));
        Assert.Throws<ArgumentException>(() => Statistics.PairedT([0.5, 0.6], [0.4]));
    }

    [Fact]
    public void Compare_TwoCvReports_PairsRunsBySplitAndSeed()
    {
        using var temp = new TempFolder();
        static string Report(params (string Fold, int Seed, double F1)[] runs) =>
            "{\"runs\":[" + string.Join(",", runs.Select(r => $"{{\"fold\":\"{r.Fold}\",\"seed\":{r.Seed},\"macro_f1\":{r.F1.ToString(System.Globalization.CultureInfo.InvariantCulture)},\"uar\":0,\"accuracy\":0}}")) + "]}";
        File.WriteAllText(temp["a.json"], Report(("emobox:1", 42, 0.60), ("emobox:2", 42, 0.58), ("emobox:3", 42, 0.61), ("emobox:4", 42, 0.62)));
        File.WriteAllText(temp["b.json"], Report(("emobox:1", 42, 0.55), ("emobox:2", 42, 0.47), ("emobox:3", 42, 0.57), ("emobox:4", 42, 0.57), ("emobox:1", 7, 0.5)));

        var (exit, output, error) = Cli.Run("compare", temp["a.json"], temp["b.json"]);

        Assert.True(exit == 0, error);
        Assert.Contains("macro_f1 over 4 paired runs", output);
        Assert.Contains("A - B: +0.063", output);
        Assert.Contains("t(3) = ", output);
        Assert.Contains("1 run(s) without a partner", output);
    }

    [Fact]
    public void Compare_MissingReport_FailsWithOneLine()
    {
        using var temp = new TempFolder();
        var (exit, _, error) = Cli.Run("compare", temp["x"], temp["y"]);
        Assert.Equal(1, exit);
        Assert.StartsWith("error: ", error);
        Assert.Contains("no such cv report", error);
    }
}
