using System.Globalization;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Calibration;

/// <summary>
/// One model output for England read from a replicate's record: a metric (total, or one modality's) in a financial year
/// (flows summed, levels at the year's end), in the week containing a date, or summed over the weeks starting from one
/// date to another. Exactly one of <paramref name="Year"/>, <paramref name="Date"/> and <paramref name="From"/>/<paramref name="To"/> is set.
/// </summary>
/// <param name="Metric">The metric.</param>
/// <param name="Modality">The modality, or null for the total (or for each modality of a block).</param>
/// <param name="Year">A financial year.</param>
/// <param name="Date">A date: the value in the reported week that contains it.</param>
/// <param name="From">First date of a sum over weeks (weeks starting on or after it).</param>
/// <param name="To">Last date of a sum over weeks (weeks starting on or before it).</param>
public sealed record SummaryTerm(Metric Metric, Modality? Modality, FinancialYear? Year, DateOnly? Date, DateOnly? From, DateOnly? To)
{
    /// <summary>The term's value in <paramref name="record"/>, of <paramref name="modality"/> when given (a block's member), else of <see cref="Modality"/>.</summary>
    public double Evaluate(ReplicateRecord record, Modality? modality = null)
    {
        var m = modality ?? Modality;
        if (Year is { } year) return record.Annual(Metric, year, m);
        if (Date is { } date) return record.Weekly(Metric, record.WeekOf(date), m);
        double sum = 0;
        var cal = record.Calendar;
        for (int w = 0; w < cal.Weeks; w++)
        {
            var start = cal.WeekStart(w);
            if (start >= From!.Value && start <= To!.Value) sum += record.Weekly(Metric, w, m);
        }
        return sum;
    }

    /// <summary>The last day the term reads: the end of its financial year, its date, or the end of its span.</summary>
    public DateOnly LastDay => Year is { } y ? new DateOnly(y.StartYear + 1, 3, 31) : Date ?? To!.Value;

    /// <summary>Words for the report, e.g. <c>presenting 2000/01</c> or <c>longest_wait_weeks in the week of 2001-12-03</c>.</summary>
    public override string ToString()
    {
        string metric = MetricCatalog.OutputName(Metric) + (Modality is { } m ? $" ({Modalities.OutputName(m)})" : "");
        return Year is { } y ? $"{metric} {y}"
            : Date is { } d ? string.Create(CultureInfo.InvariantCulture, $"{metric} in the week of {d:yyyy-MM-dd}")
            : string.Create(CultureInfo.InvariantCulture, $"{metric} summed over the weeks from {From:yyyy-MM-dd} to {To:yyyy-MM-dd}");
    }
}
