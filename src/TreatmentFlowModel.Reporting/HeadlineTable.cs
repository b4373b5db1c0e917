using System.Globalization;
using System.Text;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Reporting;

/// <summary>The England participation targets of a run as a short plain-text table, for terminals and logs.</summary>
public static class HeadlineTable
{
    /// <summary>One line per England participation target: probability met, median and 5-95% range against the threshold.</summary>
    public static string Format(EnsembleResult result)
    {
        var text = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        foreach (var t in result.Targets)
        {
            if (!t.Area.IsEngland || t.Target is not GrowthTarget growth) continue;
            text.AppendLine(inv, $"England {t.Target} {t.Year}: p_met {t.PMet:0.00}; participation median {t.P50:N0} (5-95%: {t.P05:N0}-{t.P95:N0}) vs threshold {t.Threshold:N0} ({growth.BaseYear} baseline {t.Baseline:N0})");
        }
        return text.ToString();
    }
}
