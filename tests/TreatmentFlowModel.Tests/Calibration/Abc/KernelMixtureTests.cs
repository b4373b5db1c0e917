using MathNet.Numerics.Distributions;
using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>The proposal kernels: their covariances as the papers define them, and a density that is the mixture's.</summary>
public class KernelMixtureTests
{
    // Five particles in two dimensions with unequal weights; particles 0, 1 and 3 lie within ε = 1 of the data.
    private static Population TwoDimensional() => new(2,
        theta: [0, 0, 1, 0, 0, 2, -1, 1, 3, 3],
        z: [0, 0, 1, 0, 0, 2, -1, 1, 3, 3],
        weights: [0.1, 0.3, 0.2, 0.25, 0.15],
        distances: [0.5, 0.9, 1.5, 1.0, 2.0],
        epsilon: 2.0);

    [Fact]
    public void OptimalLocalCovariance_IsTheWeightedSecondMomentAboutEachParticleOfTheParticlesWithinEpsilon()
    {
        var population = TwoDimensional();
        var kernel = KernelMixture.Build(population, 1.0, PerturbationKernel.OptimalLocalCovariance);
        int[] within = [0, 1, 3];
        double total = within.Sum(i => population.Weights[i]);
        for (int j = 0; j < 5; j++)
        {
            // Filippi et al. 2013, eq. 7, term by term.
            var expected = new double[4];
            foreach (int i in within)
                for (int r = 0; r < 2; r++)
                    for (int s = 0; s < 2; s++)
                        expected[r * 2 + s] += population.Weights[i] / total * (population.Z[i * 2 + r] - population.Z[j * 2 + r]) * (population.Z[i * 2 + s] - population.Z[j * 2 + s]);
            var actual = kernel.CovarianceOf(j);
            for (int k = 0; k < 4; k++) Assert.Equal(expected[k], actual[k], 12);
        }
        Assert.False(kernel.UsedSharedCovariance);
    }

    [Fact]
    public void TwiceWeightedCovariance_IsTwiceThePopulationsWeightedCovariance_ForEveryParticle()
    {
        var population = TwoDimensional();
        var kernel = KernelMixture.Build(population, 1.0, PerturbationKernel.TwiceWeightedCovariance);
        double mx = 0, my = 0;
        for (int i = 0; i < 5; i++) { mx += population.Weights[i] * population.Z[2 * i]; my += population.Weights[i] * population.Z[2 * i + 1]; }
        double cxx = 0, cxy = 0, cyy = 0;
        for (int i = 0; i < 5; i++)
        {
            double dx = population.Z[2 * i] - mx, dy = population.Z[2 * i + 1] - my;
            cxx += population.Weights[i] * dx * dx; cxy += population.Weights[i] * dx * dy; cyy += population.Weights[i] * dy * dy;
        }
        Assert.True(kernel.UsedSharedCovariance);
        for (int j = 0; j < 5; j++)
        {
            var c = kernel.CovarianceOf(j);
            Assert.Equal(2 * cxx, c[0], 12);
            Assert.Equal(2 * cxy, c[1], 12);
            Assert.Equal(2 * cyy, c[3], 12);
        }
    }

    [Fact]
    public void OptimalLocalCovariance_WithFewerParticlesWithinEpsilonThanDimensionsPlusOne_FallsBackToTheSharedKernel()
    {
        Assert.True(KernelMixture.Build(TwoDimensional(), 0.6, PerturbationKernel.OptimalLocalCovariance).UsedSharedCovariance);
    }

    [Fact]
    public void LogDensity_InOneDimension_IsTheLogOfTheWeightedSumOfNormalDensities()
    {
        var population = new Population(1, [0, 1, 4], [0, 1, 4], [0.2, 0.5, 0.3], [0.1, 0.2, 0.3], 1);
        var kernel = KernelMixture.Build(population, 1, PerturbationKernel.TwiceWeightedCovariance);
        double sd = Math.Sqrt(kernel.CovarianceOf(0)[0]);
        foreach (double z in new[] { -3.0, 0.5, 2, 10 })
        {
            double expected = 0.2 * Normal.PDF(0, sd, z) + 0.5 * Normal.PDF(1, sd, z) + 0.3 * Normal.PDF(4, sd, z);
            Assert.Equal(Math.Log(expected), kernel.LogDensity([z]), 12);
        }
    }

    [Fact]
    public void PickAncestor_SplitsTheUnitIntervalByWeight_AndSkipsZeroWeights()
    {
        var population = new Population(1, [0, 1, 2, 3], [0, 1, 2, 3], [0.25, 0, 0.5, 0.25], [0, 0, 0, 0], 1);
        var kernel = KernelMixture.Build(population, 1, PerturbationKernel.TwiceWeightedCovariance);
        Assert.Equal(0, kernel.PickAncestor(0.1));
        Assert.Equal(2, kernel.PickAncestor(0.25)); // the running sum 0.25 is reached, not exceeded, by particle 0 (and 1)
        Assert.Equal(2, kernel.PickAncestor(0.74));
        Assert.Equal(3, kernel.PickAncestor(0.99));
    }
}
