using SpeechEmotion.Training;

namespace SpeechEmotion.Tests.Training;

public class ClassWeightsTests
{
    [Fact]
    public void Balanced_EqualsScikitLearn()
    {
        // Given labels with counts 4, 2, 1 (scikit-learn: compute_class_weight('balanced', classes=[0,1,2], y=y)
        // = 7 / (3 * [4, 2, 1]) = [0.58333333, 1.16666667, 2.33333333])
        int[] labels = [0, 0, 0, 0, 1, 1, 2];

        // When the balanced weights are computed
        var w = ClassWeights.Balanced(labels, 3);

        // Then they match
        Assert.Equal(0.58333333, w[0], 8);
        Assert.Equal(1.16666667, w[1], 8);
        Assert.Equal(2.33333333, w[2], 8);
    }

    [Fact]
    public void Balanced_GivesZeroToAbsentClasses_AndDividesByPresentClasses()
    {
        // Given labels of classes 0 and 2 out of 3 (scikit-learn divides by the classes present in y)
        int[] labels = [0, 0, 2];

        // When / Then
        Assert.Equal(new[] { 0.75, 0.0, 1.5 }, ClassWeights.Balanced(labels, 3));
    }
}
