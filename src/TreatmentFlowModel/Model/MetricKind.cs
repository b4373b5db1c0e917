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
}
