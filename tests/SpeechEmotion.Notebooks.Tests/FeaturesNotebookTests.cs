namespace SpeechEmotion.Notebooks.Tests;

public sealed class FeaturesNotebookTests
{
    [Fact]
    public async Task FeaturesNotebook_RunsEveryCell_AndMatchesLibrosa()
    {
        // Given 01-features.ipynb with its default golden clip
        // When every code cell runs in order
        var run = await NotebookRunner.RunAsync(NotebookFolder.Notebook("01-features.ipynb"));

        // Then it shows three plots as images and its features are within the acceptance tolerance of librosa's
        Assert.Equal(3, run.Displayed.OfType<HtmlContent>().Count(h => h.Html.Contains("<img", StringComparison.Ordinal)));
        Assert.InRange(run.Variable<double>("mfccMaxError"), 0, 0.02);
        Assert.InRange(run.Variable<double>("rmsMaxError"), 0, 1e-5);
        // and the inverted DCT gives a log-mel spectrogram clipped at top_db = 80 dB below its peak
        var range = run.Variable<double>("melMax") - run.Variable<double>("melMin");
        Assert.InRange(range, 40, 80 + 1e-3);
    }
}
