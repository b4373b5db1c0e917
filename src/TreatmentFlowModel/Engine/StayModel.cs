using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Treatment stays: a modality's retention parameters as weekly exit hazards per treatment bin
/// (<see cref="TreatmentLayout"/>), and the caseload a steady stream of admissions builds up.
/// </summary>
/// <remarks>
/// A modality gives its retention as conditional survival over the age bands 0-3, 4-12, 13-25, 26-51 and 52-103 weeks
/// (e.g. <see cref="ModalityParameterId.Survival0To4Weeks"/> = S(4)/S(0)) and a weekly exit probability after 104 weeks,
/// deaths aside; within a band the weekly hazard is constant, -ln(survival)/width, times
/// <see cref="ModalityParameterId.ExitHazardMultiplier"/>. A 13-week cohort j ≥ 1 holds people 13j + 12 ± 12 weeks into
/// treatment (triangular, <see cref="TreatmentLayout"/>), so its hazard is the bands' hazards averaged over that spread.
/// </remarks>
internal static class StayModel
{
    private const int Weekly = TreatmentLayout.WeeklyBins, Q = TreatmentLayout.QuarterWeeks;

    /// <summary>
    /// The weekly exit hazard (deaths aside) of each age band (<see cref="TreatmentLayout.Band"/>) from a modality's
    /// parameters <paramref name="p"/> (indexed by <see cref="ModalityParameterId"/>).
    /// </summary>
    public static void BandHazards(ReadOnlySpan<double> p, Span<double> into)
    {
        double scale = p[(int)ModalityParameterId.ExitHazardMultiplier];
        var widths = TreatmentLayout.BandWidths;
        for (int b = 0; b < widths.Length; b++)
            into[b] = scale * -Math.Log(Math.Max(p[(int)ModalityParameterId.Survival0To4Weeks + b], 1e-12)) / widths[b];
        into[widths.Length] = scale * Hazards.Hazard(p[(int)ModalityParameterId.ExitPerWeekAfter104Weeks]);
    }

    /// <summary>The weekly exit hazard (deaths aside) of treatment bin <paramref name="bin"/> from the bands' hazards.</summary>
    public static double BinHazard(ReadOnlySpan<double> band, int bin)
    {
        if (bin < Weekly) return band[TreatmentLayout.Band(bin)];
        if (bin == TreatmentLayout.FirstCohort) return band[TreatmentLayout.Band(Weekly)];
        if (bin == TreatmentLayout.Tail) return band[TreatmentLayout.Bands - 1];
        // Cohort j: weeks 13j + 12 + o, o from -12 to 12 with weight (13 - |o|) / 169.
        int centre = Q * (bin - TreatmentLayout.FirstCohort) + Q - 1;
        double sum = 0;
        for (int o = -(Q - 1); o <= Q - 1; o++) sum += (Q - Math.Abs(o)) * band[TreatmentLayout.Band(centre + o)];
        return sum / (Q * Q);
    }

    /// <summary>Share of exits (deaths aside) from bin <paramref name="bin"/> that are planned completions.</summary>
    public static double CompletionShare(ReadOnlySpan<double> p, int bin) => p[bin switch
    {
        < 4 => (int)ModalityParameterId.CompletionShare0To4Weeks,
        < Weekly => (int)ModalityParameterId.CompletionShare4To13Weeks,
        _ => (int)ModalityParameterId.CompletionShareAfter13Weeks,
    }];

    /// <summary>
    /// The caseload, by bin, that constant weekly admissions build up, at the start of a quarter (as the first simulated
    /// week is): <paramref name="admitOther"/> a week into the other-route row (whose weekly probabilities of staying are
    /// <paramref name="stayOther"/>) and <paramref name="admitCjs"/> into the criminal-justice row (<paramref name="stayCjs"/>,
    /// whose cohort 0 joins the other row's cohort 1). Cohort 0 is empty at a quarter's start.
    /// </summary>
    public static void SteadyState(ReadOnlySpan<double> stayOther, ReadOnlySpan<double> stayCjs, double admitOther, double admitCjs,
        Span<double> other, Span<double> cjs)
    {
        double n = admitOther, c = admitCjs;
        for (int d = 0; d < Weekly; d++)
        {
            other[d] = n; cjs[d] = c;
            n *= stayOther[d]; c *= stayCjs[d];
        }
        // Those reaching 13 weeks in a quarter, as cohort 0 holds them at its end: n a week for 13 weeks.
        double cohort = n * GeometricSum(stayOther[TreatmentLayout.FirstCohort]) + c * GeometricSum(stayCjs[TreatmentLayout.FirstCohort]);
        other[TreatmentLayout.FirstCohort] = 0; cjs[TreatmentLayout.FirstCohort] = 0;
        for (int bin = TreatmentLayout.FirstCohort + 1; bin < TreatmentLayout.Tail; bin++)
        {
            other[bin] = cohort;
            cohort *= Math.Pow(stayOther[bin], Q);
        }
        // The tail gains the last cohort each quarter and keeps stay^13 of itself: T = T·s^13 + last.
        double keep = Math.Pow(stayOther[TreatmentLayout.Tail], Q);
        other[TreatmentLayout.Tail] = keep < 1 ? cohort / (1 - keep) : 0;
        for (int bin = TreatmentLayout.CjsBins; bin < cjs.Length; bin++) cjs[bin] = 0;
    }

    /// <summary>
    /// Expected weeks in treatment (as weekly censuses count them) of someone admitted to the other-route row whose weekly
    /// probabilities of staying are <paramref name="stay"/>: the caseload of one admission a week, averaged over a quarter.
    /// </summary>
    public static double MeanStayWeeks(ReadOnlySpan<double> stay, ReadOnlySpan<double> stayCjs)
    {
        Span<double> row = stackalloc double[TreatmentLayout.DefaultBins], cjs = stackalloc double[TreatmentLayout.DefaultBins];
        SteadyState(stay, stayCjs, 1, 0, row, cjs);
        double weekly = 0;
        for (int d = 0; d < Weekly; d++) weekly += row[d];
        // Over the quarter's 13 weekly censuses: cohort 0 has gathered 1..13 weeks of entrants, the others have decayed 1..13 weeks
        // (the census after the quarter's last week follows the move-on, as in the engine).
        double entering = row[Weekly - 1] * stay[Weekly - 1], s0 = stay[TreatmentLayout.FirstCohort];
        double atQuarterStart = 0;
        for (int bin = TreatmentLayout.FirstCohort; bin <= TreatmentLayout.Tail; bin++) atQuarterStart += row[bin];
        double total = weekly + atQuarterStart; // the quarter's last census, after the move-on
        for (int q = 1; q < Q; q++)
        {
            double cohorts = entering * GeometricSum(s0, q);
            for (int bin = TreatmentLayout.FirstCohort + 1; bin <= TreatmentLayout.Tail; bin++) cohorts += row[bin] * Math.Pow(stay[bin], q);
            total += weekly + cohorts;
        }
        return total / Q;
    }

    /// <summary>1 + s + ... + s^12: survivors at a quarter's end of one entrant a week.</summary>
    private static double GeometricSum(double s, int terms = Q)
    {
        double sum = 0, x = 1;
        for (int t = 0; t < terms; t++) { sum += x; x *= s; }
        return sum;
    }
}
