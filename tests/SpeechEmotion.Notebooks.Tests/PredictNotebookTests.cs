using SpeechEmotion.Inference;

namespace SpeechEmotion.Notebooks.Tests;

public sealed class PredictNotebookTests
{
    [Fact]
    public async Task PredictNotebook_RunsEveryCell_AndGivesEachSampleAProbabilityPerLabel()
    {
        // Given 03-predict.ipynb with its defaults: the bundled model and the clips in data/samples
        var samples = Directory.GetFiles(Path.Combine(NotebookFolder.Path, "..", "data", "samples"), "*.wav");

        // When every code cell runs in order
        var run = await NotebookRunner.RunAsync(NotebookFolder.Notebook("03-predict.ipynb"));

        // Then every sample is predicted with 8 probabilities summing to 1, and each gets a bar chart
        var predictions = run.Variable<List<EmotionPrediction>>("predictions");
        Assert.Equal(samples.Length, predictions.Count);
        Assert.All(predictions, p =>
        {
            Assert.Equal(8, p.Probabilities.Count);
            Assert.Equal(1.0, p.Probabilities.Values.Sum(v => (double)v), 4);
            Assert.Contains(p.Label, p.Labels);
        });
        Assert.Equal(samples.Length, run.Displayed.OfType<HtmlContent>().Count(h => h.Html.Contains("<img", StringComparison.Ordinal)));
    }
}
