using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Benchmarks;

/// <summary>
/// Throughput per core from a benchmark's mean time: replicate-area-weeks or non-trivial random draws
/// (n &gt; 0 and 0 &lt; p &lt; 1; mean &gt; 0) per second. Draws are counted once in the host process by
/// running the replicate the benchmarks run (<see cref="Workloads.Replicate"/>) with <see cref="CountingDraws"/>; for
/// ensembles, which run many replicates, that count times the replicates is an estimate (replicates differ by about
/// ±5%), and they are divided by the cores they use.
/// </summary>
internal sealed class ThroughputColumn(string name, bool draws) : IColumn
{
    private static readonly ConcurrentDictionary<(int Areas, int Weeks), long> DrawsPerReplicate = new();
    private static readonly ConcurrentDictionary<(int Areas, int Weeks), int> SimulatedWeeks = new();

    public string Id => name;
    public string ColumnName => name;
    public bool AlwaysShow => true;
    public ColumnCategory Category => ColumnCategory.Custom;
    public int PriorityInCategory => draws ? 1 : 0;
    public bool IsNumeric => true;
    public UnitType UnitType => UnitType.Dimensionless;
    public string Legend => draws ? "Non-trivial binomial/Poisson draws per second per core" : "Replicate-area-weeks per second per core";
    public bool IsAvailable(Summary summary) => true;
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
    {
        var stats = summary[benchmarkCase]?.ResultStatistics;
        if (stats is null || Work(benchmarkCase) is not var (areas, weeks, replicates, cores)) return "-";
        double seconds = stats.Mean / 1e9;
        double work = (double)replicates * (draws ? DrawsPerReplicate.GetOrAdd((areas, weeks), k => Workloads.CountDraws(Workloads.Slice(k.Areas, k.Weeks)))
            // Every simulated week counts, the burn-in's too (a reported year of the default simulates 4 years before it).
            : areas * (double)SimulatedWeeks.GetOrAdd((areas, weeks), k => FrozenModel.From(Workloads.Slice(k.Areas, k.Weeks)).SimulationCalendar.Weeks));
        return (work / seconds / cores).ToString("N0", CultureInfo.InvariantCulture);
    }

    /// <summary>Areas, weeks, replicates and cores of one operation; null where the case is skipped.</summary>
    private static (int, int, int, int)? Work(BenchmarkCase c)
    {
        int P(string name) => c.Parameters.Items.FirstOrDefault(p => p.Name == name)?.Value is int v ? v : -1;
        string method = c.Descriptor.WorkloadMethod.Name;
        return (c.Descriptor.Type.Name, method) switch
        {
            (nameof(EngineBenchmarks), _) => (P("Areas"), P("Weeks"), 1, 1),
            (nameof(BaselineBenchmarks), _) => (149, P("Weeks"), 1, 1),
            (nameof(EnsembleBenchmarks), _) => (1, 52, P("Replicates"), Environment.ProcessorCount),
            (nameof(Ensemble1000Benchmarks), _) => (10, 52, 1000, Environment.ProcessorCount),
            (nameof(ReplicateBenchmarks), nameof(ReplicateBenchmarks.Stochastic)) => (149, 574, 1, 1),
            _ => null,
        };
    }
}
