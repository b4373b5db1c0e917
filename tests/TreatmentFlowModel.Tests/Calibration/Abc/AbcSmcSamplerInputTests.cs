using TreatmentFlowModel.Calibration.Abc;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>Bad settings, observations and simulators are reported clearly, all at once, never as a wrong result.</summary>
public class AbcSmcSamplerInputTests
{
    private static readonly Prior TwoParameters = new(new PriorParameter("a", new UniformPrior(0, 1)), new PriorParameter("b", new NormalPrior(0, 1)));

    [Fact]
    public void InvalidOptionsAndObservations_AreAllListedInOneMessage()
    {
        var error = Assert.Throws<ArgumentException>(() => new AbcSmcSampler(TwoParameters, (t, c) => [0, 0],
            [new Observation("x", 1), new Observation("x", double.NaN, -1)],
            new AbcSmcOptions { PopulationSize = 1, Alpha = 1, MinimumAcceptanceRate = -0.1, MaximumGenerations = -1, MaximumSimulations = 0, MaxDegreeOfParallelism = 0 }));
        Assert.Equal("Cannot run ABC-SMC:\n"
            + "  PopulationSize must be at least 2 (was 1).\n"
            + "  Alpha must lie strictly between 0 and 1 (was 1).\n"
            + "  MinimumAcceptanceRate must lie in [0, 1) (was -0.1).\n"
            + "  MaximumGenerations must be 0 or more (was -1).\n"
            + "  MaximumSimulations must be at least PopulationSize, 1, to complete generation 0 (was 0).\n"
            + "  MaxDegreeOfParallelism must be -1 or at least 1 (was 0).\n"
            + "  observation 'x' states no uncertainty, which Scaling = StatedUncertainty needs (or choose PriorPredictiveMad).\n"
            + "  observation 'x' appears twice.\n"
            + "  observation 'x' has value NaN; it must be a finite number.\n"
            + "  observation 'x' has uncertainty -1; it must be a finite number above 0, or NaN for none stated.", error.Message);
    }

    [Fact]
    public void PriorWithARepeatedOrReservedOrUnwritableName_IsRejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new Prior(
            new PriorParameter("a", new UniformPrior(0, 1)), new PriorParameter("a", new UniformPrior(0, 1)),
            new PriorParameter("weight", new UniformPrior(0, 1)), new PriorParameter("x,y", new UniformPrior(0, 1))));
        Assert.Equal("Invalid prior: parameter name 'a' appears twice; parameter name 'weight' is reserved for a column of the posterior file; "
            + "parameter name 'x,y' contains a comma, a quote or a line break. (Parameter 'parameters')", error.Message);
    }

    [Fact]
    public void SimulatorReturningTheWrongNumberOfSummaries_IsNamedWithGenerationProposalAndParameters()
    {
        var sampler = new AbcSmcSampler(TwoParameters, (t, c) => [1, 2, 3], [new Observation("x", 1, 1), new Observation("y", 1, 1)]);
        var error = Assert.Throws<AbcSimulationException>(() => sampler.Run());
        Assert.StartsWith("The simulator failed at generation 0, proposal 0, parameters (a = ", error.Message);
        Assert.EndsWith("): it returned 3 summaries where there are 2 observations", error.Message);
    }

    [Fact]
    public void SimulatorReturningNaN_IsRejectedNotTreatedAsADistance()
    {
        var sampler = new AbcSmcSampler(TwoParameters, (t, c) => [1, double.NaN], [new Observation("x", 1, 1), new Observation("y", 1, 1)]);
        var error = Assert.Throws<AbcSimulationException>(() => sampler.Run());
        Assert.EndsWith("it returned NaN for observation 'y'; summaries must be finite", error.Message);
    }

    [Fact]
    public void SimulatorThatThrows_ReportsTheLowestFailingProposal_WhateverTheThreadCount()
    {
        // Parameter b exceeds 1 in about one prior draw in six; the simulator records every b it sees, so the test
        // knows which proposal is the first to fail without relying on the order threads ran them.
        string FailureWith(int threads, out int firstFailing)
        {
            var seen = new System.Collections.Concurrent.ConcurrentDictionary<int, double>();
            var sampler = new AbcSmcSampler(TwoParameters,
                (t, c) => { seen[c.Index] = t[1]; return t[1] > 1 ? throw new InvalidOperationException("b too large") : [0.0]; },
                [new Observation("x", 0, 1)], new AbcSmcOptions { PopulationSize = 50, MaxDegreeOfParallelism = threads, Seed = 9 });
            var error = Assert.Throws<AbcSimulationException>(() => sampler.Run());
            Assert.IsType<InvalidOperationException>(error.InnerException);
            firstFailing = seen.Where(p => p.Value > 1).Min(p => p.Key);
            return error.Message;
        }
        string one = FailureWith(1, out int first);
        Assert.Matches($@"^The simulator failed at generation 0, proposal {first}, parameters \(a = [0-9.E-]+, b = 1\.[0-9]+\): b too large$", one);
        Assert.Equal(one, FailureWith(4, out _));
    }
}
