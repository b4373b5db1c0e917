namespace TreatmentFlowModel.Model;

/// <summary>How a metric aggregates over weeks into financial years.</summary>
internal enum MetricKind
{
    /// <summary>A level: the year's value is the last week's.</summary>
    Stock,
    /// <summary>A count in the week: the year's value is the sum.</summary>
    Flow,
    /// <summary>Derived from admissions by weeks waited.</summary>
    Wait,
    /// <summary>A ratio of two other metrics over the same period.</summary>
    Ratio,
    /// <summary>A capacity gap, computed for financial years from the waiting lists.</summary>
    Gap,
    /// <summary>A level per area (the year's value is the last week's) whose England value is the mean over the areas.</summary>
    AreaMean,
    /// <summary>Financial years only: an area's own wait, England's the mean over the areas' (see <see cref="Metric.DatMeanWaitWeeks"/>).</summary>
    DatMean,
}
