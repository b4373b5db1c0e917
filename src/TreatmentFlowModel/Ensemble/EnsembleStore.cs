using TreatmentFlowModel.Engine;

namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Every replicate's value of every recorded cell, indexed by replicate so that the summaries do not
/// depend on the order in which threads finish: results are bit-identical for any thread count.
/// Weekly cells cover England and the requested areas; annual cells cover England and every area.
/// </summary>
internal sealed class EnsembleStore
{
    public EnsembleStore(int replicates, int weeklySlots, int weeks, int annualSlots, int years)
    {
        Replicates = replicates;
        WeeklySlots = weeklySlots;
        Weeks = weeks;
        AnnualSlots = annualSlots;
        Years = years;
        long weekly = (long)weeklySlots * weeks * MetricCatalog.SeriesCount * replicates;
        long annual = (long)annualSlots * years * MetricCatalog.SeriesCount * replicates;
        if (weekly > Array.MaxLength || annual > Array.MaxLength)
            throw new InvalidOperationException($"{replicates:N0} replicates with {weeklySlots} weekly areas need more memory than one run can hold; use fewer replicates or weekly areas");
        Weekly = new double[weekly];
        Annual = new double[annual];
    }

    public int Replicates { get; }
    public int WeeklySlots { get; }
    public int Weeks { get; }
    public int AnnualSlots { get; }
    public int Years { get; }
    public double[] Weekly { get; }
    public double[] Annual { get; }

    public long WeeklyIndex(int slot, int week, int series) => (((long)slot * Weeks + week) * MetricCatalog.SeriesCount + series) * Replicates;

    public long AnnualIndex(int slot, int year, int series) => (((long)slot * Years + year) * MetricCatalog.SeriesCount + series) * Replicates;
}
