using TreatmentFlowModel.Recording;

namespace TreatmentFlowModel.Tests.Ensemble;

public class StreamingSummariesTests
{
    private static readonly double[] Probabilities = [0.05, 0.25, 0.5, 0.75, 0.95];

    /// <summary>Samples of the kinds the model records: small counts, large counts, fractional waits, wide spreads.</summary>
    public static TheoryData<string, double> Samples => new()
    {
        { "poisson", 3 }, { "poisson", 60 }, { "normal", 140_000 }, { "normal", 900 }, { "wait", 1.0 / 64 }, { "lognormal", 1 }, { "constant", 1 },
        { "difference", 300 }, { "difference", 20_000 },
    };

    private static double[] Draw(string kind, double size, int n, int seed)
    {
        var rng = new System.Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        return Enumerable.Range(0, n).Select(_ => kind switch
        {
            "poisson" => MathNet.Numerics.Distributions.Poisson.Sample(rng, size),
            "normal" => Math.Round(Math.Max(0, size + 0.05 * size * Normal())),
            "wait" => Math.Abs(3 + Normal()),
            "lognormal" => Math.Exp(8 + 3 * Normal()),
            "difference" => Math.Round(size * (0.3 + Normal())),
            _ => 12.7,
        }).ToArray();
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Quantiles_AreWithinOneBinWidthOfTheExactType7Quantiles(string kind, double size)
    {
        var values = Draw(kind, size, 5000, seed: 7);
        var sketch = new StreamingSummaries([kind == "wait" ? 1.0 / 64 : 1.0]);
        foreach (double v in values) sketch.Add(0, v);
        var sorted = values.Order().ToArray();
        Span<double> estimates = stackalloc double[Probabilities.Length];
        sketch.Quantiles(0, Probabilities, estimates);
        for (int i = 0; i < Probabilities.Length; i++)
        {
            double exact = Summary.Quantile(sorted, Probabilities[i]);
            double bound = Math.Max(sketch.BinWidth(0, exact), sketch.BinWidth(0, estimates[i]));
            Assert.True(Math.Abs(estimates[i] - exact) <= bound, $"{kind} p{Probabilities[i]}: {estimates[i]} vs exact {exact}, bound {bound}, level {sketch.Level(0)}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void MeanAndSd_MatchTheTwoPassFormulas(string kind, double size)
    {
        var values = Draw(kind, size, 3000, seed: 11);
        var sketch = new StreamingSummaries([1.0]);
        foreach (double v in values) sketch.Add(0, v);
        var exact = Summary.Of(values, new double[values.Length]);
        var s = sketch.Summarize(0);
        Assert.Equal(exact.Count, s.Count);
        // Fixed point at 2^-16: the mean is exact to 2^-17 and the sd to a relative 1e-9 here.
        Assert.Equal(exact.Mean, s.Mean, 1e-5 + 1e-12 * exact.Mean);
        Assert.Equal(exact.Sd, s.Sd, 1e-4 + 1e-9 * exact.Sd);
    }

    [Fact]
    public void SmallCounts_GiveExactQuantiles()
    {
        double[] values = [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, double.NaN];
        var sketch = new StreamingSummaries([1.0]);
        foreach (double v in values) sketch.Add(0, v);
        var exact = Summary.Of(values, new double[values.Length]);
        Assert.Equal(exact with { Mean = 0, Sd = 0 }, sketch.Summarize(0) with { Mean = 0, Sd = 0 });
    }

    [Fact]
    public void MergingAnySplit_IsBitIdenticalToAddingInOrder()
    {
        var values = Draw("lognormal", 1, 2000, seed: 3).Concat(Draw("normal", 140_000, 2000, seed: 4)).Concat(Draw("difference", 5000, 1000, seed: 6)).ToArray();
        byte[] Bytes(StreamingSummaries s)
        {
            using var stream = new MemoryStream();
            using (var w = new BinaryWriter(stream)) s.Write(w);
            return stream.ToArray();
        }
        var whole = new StreamingSummaries([1.0]);
        foreach (double v in values) whole.Add(0, v);
        Assert.True(whole.Level(0) > 0, "the sample should force collapses");

        var rng = new System.Random(5);
        for (int trial = 0; trial < 5; trial++)
        {
            var shuffled = values.OrderBy(_ => rng.Next()).ToArray();
            var parts = Enumerable.Range(0, 4).Select(_ => new StreamingSummaries([1.0])).ToArray();
            foreach (double v in shuffled) parts[rng.Next(parts.Length)].Add(0, v);
            var merged = new StreamingSummaries([1.0]);
            foreach (var p in parts.Reverse()) merged.Merge(p);
            Assert.Equal(Bytes(whole), Bytes(merged));
            Assert.Equal(whole.Summarize(0), merged.Summarize(0));
        }
    }

    [Fact]
    public void WriteThenRead_RestoresTheExactState()
    {
        var sketch = new StreamingSummaries([1.0, 1.0 / 64]);
        foreach (double v in Draw("lognormal", 1, 500, seed: 9)) { sketch.Add(0, v); sketch.Add(1, v / 1000); }
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) sketch.Write(w);
        stream.Position = 0;
        var copy = new StreamingSummaries([1.0, 1.0 / 64]);
        using (var r = new BinaryReader(stream)) copy.Read(r);
        Assert.Equal(sketch.Summarize(0), copy.Summarize(0));
        Assert.Equal(sketch.Summarize(1), copy.Summarize(1));
    }

    [Theory]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e15)]
    public void OutOfRangeValues_AreRejectedNotSummarisedWrongly(double value)
    {
        var sketch = new StreamingSummaries([1.0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => sketch.Add(0, value));
    }
}
