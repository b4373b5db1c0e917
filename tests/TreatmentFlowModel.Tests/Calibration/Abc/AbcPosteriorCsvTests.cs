using TreatmentFlowModel.Calibration.Abc;
using TreatmentFlowModel.Tests.Harness;

namespace TreatmentFlowModel.Tests.Calibration.Abc;

/// <summary>The posterior file: exact round trip, documented layout, clear errors.</summary>
public class AbcPosteriorCsvTests
{
    private static AbcPosterior RealRun() => new AbcSmcSampler(
        new Prior(new PriorParameter("p", new UniformPrior(0, 1)), new PriorParameter("scale", new LogNormalPrior(0, 1))),
        (t, c) => [.. ToyModels.BinomialCount(t, c, 20), t[1]],
        [new Observation("successes", 7, 1), new Observation("scale_seen", 1.5)],
        new AbcSmcOptions { PopulationSize = 50, MaximumGenerations = 2, Scaling = DistanceScaling.PriorPredictiveMad, Seed = 3, MaxDegreeOfParallelism = 2 }).Run();

    [Fact]
    public void WriteReadWrite_GivesTheSameBytesAndBitIdenticalNumbers()
    {
        var posterior = RealRun();
        string csv = AbcPosteriorCsv.ToCsv(posterior);
        var read = AbcPosteriorCsv.Parse(csv);
        Assert.Equal(csv, AbcPosteriorCsv.ToCsv(read));
        // ImmutableArray's own equality compares references: compare contents.
        Assert.Equal(posterior.ParameterNames.ToArray(), read.ParameterNames.ToArray());
        for (int i = 0; i < posterior.Particles.Length; i++)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(posterior.Weights[i]), BitConverter.DoubleToInt64Bits(read.Weights[i]));
            Assert.Equal(BitConverter.DoubleToInt64Bits(posterior.Distances[i]), BitConverter.DoubleToInt64Bits(read.Distances[i]));
            for (int p = 0; p < 2; p++)
                Assert.Equal(BitConverter.DoubleToInt64Bits(posterior.Particles[i][p]), BitConverter.DoubleToInt64Bits(read.Particles[i][p]));
        }
        Assert.Equal(posterior.Generations.ToArray(), read.Generations.ToArray());
        Assert.Equal(posterior.Observations.ToArray(), read.Observations.ToArray()); // NaN uncertainty survives as an empty cell
        Assert.Equal(posterior.DistanceScales.ToArray(), read.DistanceScales.ToArray());
        Assert.Equal((posterior.StopReason, posterior.Seed, posterior.TotalSimulations), (read.StopReason, read.Seed, read.TotalSimulations));
        Assert.Equal(posterior.Settings with { MaxDegreeOfParallelism = -1, WallClockBudget = null }, read.Settings);
        Assert.Equal((50, 2, DistanceScaling.PriorPredictiveMad), (read.Settings.PopulationSize, read.Settings.MaximumGenerations, read.Settings.Scaling));
    }

    [Fact]
    public void Layout_IsMetadataLinesThenAPlainParticleTable()
    {
        var posterior = AbcPosteriorTests.Small([0.25, 1e-300], [0.75, 0.25]);
        Assert.Equal(
            "# format,tfm-abc-posterior,1\n# seed,1\n# stop_reason,MaximumGenerations\n"
            + "# option,population_size,200\n# option,alpha,0.5\n# option,minimum_epsilon,0\n# option,minimum_acceptance_rate,0.02\n"
            + "# option,minimum_effective_sample_fraction,0.2\n# option,maximum_generations,50\n# option,maximum_simulations,10000\n"
            + "# option,kernel,OptimalLocalCovariance\n# option,scaling,StatedUncertainty\n# option,noise,Independent\n# total_simulations,2\n"
            + "# observation_columns,name,value,uncertainty,distance_scale\n# observation,o,1,0.5,0.5\n"
            + "# generation_columns,generation,epsilon,proposals,simulations,total_simulations,accepted,effective_sample_size\n"
            + "# generation,0,Infinity,2,2,2,2,1.6\n"
            + "weight,distance,x\n0.75,0.5,0.25\n0.25,0.5,1E-300\n",
            AbcPosteriorCsv.ToCsv(posterior));
    }

    [Theory]
    [InlineData("pipe", "is a named pipe (FIFO), not a regular file; only regular files are read")]
    [InlineData("folder", "is a folder, not a file")]
    [InlineData("/dev/zero", "is a character device, not a regular file; only regular files are read")]
    [InlineData("huge", "the file is 300 MB; scenario, data and calibration files may be at most 256 MB")]
    public void Load_OfSomethingThatIsNotAnOrdinaryPosteriorFile_IsRefusedAtOnce_NamingTheFile(string what, string problem)
    {
        // Issue 18, class 1: File.ReadAllText blocked forever on a named pipe and read /dev/zero until memory ran out.
        if (!SpecialFiles.Supported) return;
        string folder = Directory.CreateTempSubdirectory("abc-csv-").FullName;
        try
        {
            string path = what switch
            {
                "pipe" => SpecialFiles.NamedPipe(Path.Combine(folder, "posterior.csv")),
                "folder" => Directory.CreateDirectory(Path.Combine(folder, "posterior.csv")).FullName,
                "huge" => SpecialFiles.Sparse(Path.Combine(folder, "posterior.csv"), 300L * 1024 * 1024),
                _ => what,
            };
            var e = SpecialFiles.WithinSeconds(10, () => Assert.Throws<InvalidDataException>(() => AbcPosteriorCsv.Load(path)));
            Assert.Equal($"{path}: cannot read the posterior file: {problem}", e.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void SaveThenLoad_RoundTripsThroughAFile_AndLeavesNoTemporaryFile()
    {
        string folder = Directory.CreateTempSubdirectory("abc-csv-").FullName;
        try
        {
            string path = Path.Combine(folder, "posterior.csv");
            var posterior = RealRun();
            AbcPosteriorCsv.Save(posterior, path);
            Assert.Equal(AbcPosteriorCsv.ToCsv(posterior), AbcPosteriorCsv.ToCsv(AbcPosteriorCsv.Load(path)));
            Assert.Equal(["posterior.csv"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("weight,distance,x\n", "post.csv, line 1: expected '# format,tfm-abc-posterior,1' as the first line, found 'weight,distance,x'.")]
    [InlineData("# format,tfm-abc-posterior,1\n# seed,1\n# stop_reason,Sometime\n", "post.csv, line 3: stop_reason 'Sometime' is not one of MinimumEpsilonReached, MaximumGenerations, AcceptanceRateBelowMinimum, SimulationBudget, WallClockBudget, EffectiveSampleSizeBelowMinimum, ToleranceStalled.")]
    [InlineData("# format,tfm-abc-posterior,1\n# colour,blue\n", "post.csv, line 2: unknown metadata 'colour'; allowed: format, seed, stop_reason, option, total_simulations, observation_columns, observation, generation_columns, generation.")]
    [InlineData("# format,tfm-abc-posterior,1\n# option,kernal,x\n", "post.csv, line 2: unknown option 'kernal'; allowed: population_size, alpha, minimum_epsilon, minimum_acceptance_rate, minimum_effective_sample_fraction, maximum_generations, maximum_simulations, kernel, scaling, noise.")]
    [InlineData("# format,tfm-abc-posterior,1\n# option,kernel,Wide\n", "post.csv, line 2: kernel 'Wide' is not one of OptimalLocalCovariance, TwiceWeightedCovariance.")]
    [InlineData("# format,tfm-abc-posterior,1\n# seed,1\n# stop_reason,MaximumGenerations\n# total_simulations,2\nweight,distance,x\n1,abc,0.5\n", "post.csv, line 6: column 'distance' has 'abc', which is not a number.")]
    [InlineData("# format,tfm-abc-posterior,1\n# seed,1\n# stop_reason,MaximumGenerations\n# total_simulations,2\nweight,distance,x\n1,0.5\n", "post.csv, line 6: 2 cells where the header has 3.")]
    [InlineData("# format,tfm-abc-posterior,1\n# seed,1\n", "post.csv: missing '# stop_reason', '# total_simulations', the particle table.")]
    [InlineData("# format,tfm-abc-posterior,1\n# seed,1\n# stop_reason,MaximumGenerations\n# total_simulations,2\n# generation,0,Infinity,2,2,2,2,2\nweight,distance,x\n0.5,0.1,1\n0.6,0.1,2\n", "post.csv: Inconsistent posterior: the weights sum to 1.1, not 1.")]
    public void MalformedFile_IsReportedWithSourceLineValueAndWhatIsAllowed(string text, string message)
    {
        var error = Assert.Throws<InvalidDataException>(() => AbcPosteriorCsv.Parse(text, "post.csv"));
        Assert.Equal(message, error.Message);
    }
}
