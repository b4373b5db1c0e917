using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Tests.Model;

public class DistributionTests
{
    [Fact]
    public void EveryFamily_HasANamedFactory_WhoseParametersAreNamedInOnePlace()
    {
        var made = new[]
        {
            Distribution.Fixed(3), Distribution.BetaOf(2, 6), Distribution.GammaOf(2, 3), Distribution.LogNormalOf(0.1, 0.4),
            Distribution.NormalOf(5, 1), Distribution.UniformOf(2, 4), Distribution.TriangularOf(1, 2, 6),
        };
        Assert.Equal(Enum.GetValues<DistributionKind>(), made.Select(d => d.Kind));
        foreach (var d in made)
        {
            Assert.Equal(Distribution.ParameterNames(d.Kind), d.Parameters.Select(p => p.Name));
            Assert.Equal(d, Distribution.Of(d.Kind, [.. d.Parameters.Select(p => p.Value)]));
        }
        Assert.Equal([("Lower", 1.0), ("Mode", 2.0), ("Upper", 6.0)], Distribution.TriangularOf(1, 2, 6).Parameters);
        Assert.Equal("Gamma(Shape=2, Scale=3)", Distribution.GammaOf(2, 3).ToString());
        Assert.Throws<ArgumentException>(() => Distribution.Of(DistributionKind.Beta, [1.0]));
    }
}
