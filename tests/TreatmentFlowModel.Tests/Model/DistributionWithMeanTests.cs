using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Model;

public class DistributionWithMeanTests
{
    [Fact]
    public void WithMean_MovesTheMeanAndKeepsTheFamily()
    {
        foreach (var d in new[] { Distribution.TriangularOf(1, 2, 6), Distribution.UniformOf(2, 4), Distribution.BetaOf(2, 6), Distribution.Fixed(3), Distribution.GammaOf(2, 3), Distribution.LogNormalOf(0.1, 0.4), Distribution.NormalOf(5, 1) })
        {
            double target = d.Kind == DistributionKind.Beta ? 0.4 : d.Mean * 1.7;
            var moved = d.WithMean(target);
            Assert.Equal(d.Kind, moved.Kind);
            Assert.Equal(target, moved.Mean, 1e-9);
        }
    }
}
