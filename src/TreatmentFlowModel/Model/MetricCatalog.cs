namespace TreatmentFlowModel.Model;

/// <summary>
/// The series recorded: each metric for modality <c>all</c>, and the modality-specific metrics for each
/// of the six modalities. A series index addresses flat arrays in the engine and the ensemble store.
/// </summary>
public static class MetricCatalog
{
    private static readonly Metric[] PerModality =
    [
        Metric.Waiting, Metric.InTreatment, Metric.ReferralsCjs, Metric.ReferralsOther, Metric.TreatmentStarts, Metric.TreatmentStartsCjs,
        Metric.Completions, Metric.Dropouts, Metric.WaitDropouts, Metric.Retained12Wk, Metric.MeanWaitWeeks, Metric.P95WaitWeeks,
        Metric.Participation, Metric.Capacity, Metric.CostGbp, Metric.ExtraPlacesNeeded, Metric.Presenting, Metric.ReferralsNonPdu,
        Metric.WaitingCjs, Metric.MeanWaitWeeksCjs, Metric.P95WaitWeeksCjs, Metric.AdmittedWithin3WkShare, Metric.LongestWaitWeeks,
        Metric.Occupancy, Metric.DatMeanWaitWeeks,
    ];

    // The same set as bits, so the engine's series indices are arithmetic the JIT folds for a constant metric
    // (a test pins both to the table below).
    private const ulong PerModalityBits =
        1UL << (int)Metric.Waiting | 1UL << (int)Metric.InTreatment | 1UL << (int)Metric.ReferralsCjs | 1UL << (int)Metric.ReferralsOther
        | 1UL << (int)Metric.TreatmentStarts | 1UL << (int)Metric.TreatmentStartsCjs | 1UL << (int)Metric.Completions | 1UL << (int)Metric.Dropouts
        | 1UL << (int)Metric.WaitDropouts | 1UL << (int)Metric.Retained12Wk | 1UL << (int)Metric.MeanWaitWeeks | 1UL << (int)Metric.P95WaitWeeks
        | 1UL << (int)Metric.Participation | 1UL << (int)Metric.Capacity | 1UL << (int)Metric.CostGbp | 1UL << (int)Metric.ExtraPlacesNeeded
        | 1UL << (int)Metric.Presenting | 1UL << (int)Metric.ReferralsNonPdu | 1UL << (int)Metric.WaitingCjs | 1UL << (int)Metric.MeanWaitWeeksCjs
        | 1UL << (int)Metric.P95WaitWeeksCjs | 1UL << (int)Metric.AdmittedWithin3WkShare | 1UL << (int)Metric.LongestWaitWeeks | 1UL << (int)Metric.Occupancy
        | 1UL << (int)Metric.DatMeanWaitWeeks;

    private static readonly int[] SeriesOf = Build(out SeriesMetric, out SeriesModality);
    private static readonly Metric[] SeriesMetric;
    private static readonly int[] SeriesModality;

    /// <summary>Number of series (metric and modality pairs) recorded.</summary>
    public static int SeriesCount => SeriesMetric.Length;

    /// <summary>Output name of a metric, e.g. <c>treatment_starts_cjs</c>.</summary>
    public static string OutputName(Metric metric) => Names[(int)metric];

    private static readonly string[] Names = Enum.GetValues<Metric>().Select(ToSnake).ToArray();

    /// <summary>Whether <paramref name="metric"/> is recorded per modality as well as in total.</summary>
    public static bool HasModalities(Metric metric) => Array.IndexOf(PerModality, metric) >= 0;

    /// <summary>Series index of (<paramref name="metric"/>, modality index); index 6 is <c>all</c>. -1 when not recorded.</summary>
    public static int Series(Metric metric, int modality) => SeriesOf[(int)metric * (Modalities.Count + 1) + modality];

    /// <summary>Series index of the total (<c>all</c>) of <paramref name="metric"/>.</summary>
    public static int Total(Metric metric) => Series(metric, Modalities.Count);

    /// <summary>
    /// <see cref="Total"/> by arithmetic: every metric before <paramref name="metric"/> takes one series, and six more
    /// if it is recorded per modality. For the engine's weekly writes, where the metric is a constant.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int TotalSeries(Metric metric) =>
        (int)metric + Modalities.Count * System.Numerics.BitOperations.PopCount(PerModalityBits & BitsBelow((int)metric));

    /// <summary>
    /// The bits below <paramref name="bit"/>: every bit from 64 on (a shift by 64 or more wraps in C#, so the plain
    /// <c>(1UL &lt;&lt; bit) - 1</c> would count no per-modality metric before metric 64). Per-modality metrics must stay
    /// below 64, which a test pins.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static ulong BitsBelow(int bit) => bit >= 64 ? ulong.MaxValue : (1UL << bit) - 1;

    /// <summary><see cref="Series"/> of a per-modality metric by arithmetic: the modalities follow the total.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    internal static int ModalitySeries(Metric metric, int modality) => TotalSeries(metric) + 1 + modality;

    /// <summary><see cref="SeriesCount"/> by arithmetic: one series per metric (<see cref="LastMetric"/> is the last) and six more for each of the 25 per-modality ones (a test pins it).</summary>
    internal const int SeriesCountConst = (int)LastMetric + 1 + Modalities.Count * 25;

    /// <summary>The last metric of <see cref="Metric"/>.</summary>
    private const Metric LastMetric = Metric.EffectiveTreatment;

    /// <summary>The metric of series <paramref name="series"/>.</summary>
    public static Metric MetricOf(int series) => SeriesMetric[series];

    /// <summary>The modality index of series <paramref name="series"/> (6 = all).</summary>
    public static int ModalityOf(int series) => SeriesModality[series];

    internal static MetricKind Kind(Metric metric) => metric switch
    {
        Metric.Untreated or Metric.Waiting or Metric.InTreatment or Metric.Prison or Metric.Recovered or Metric.Capacity or Metric.Participation
            or Metric.WaitingCjs or Metric.ProblemDrugUsers => MetricKind.Stock,
        Metric.MeanWaitWeeks or Metric.P95WaitWeeks or Metric.MeanWaitWeeksCjs or Metric.P95WaitWeeksCjs or Metric.AdmittedWithin3WkShare => MetricKind.Wait,
        Metric.RetainedShare or Metric.Occupancy or Metric.TestPositiveShare => MetricKind.Ratio,
        Metric.LongestWaitWeeks => MetricKind.AreaMean,
        Metric.DatMeanWaitWeeks => MetricKind.DatMean,
        Metric.ExtraPlacesNeeded => MetricKind.Gap,
        _ => MetricKind.Flow,
    };

    private static int[] Build(out Metric[] metrics, out int[] modalities)
    {
        int stride = Modalities.Count + 1;
        var map = Enumerable.Repeat(-1, MetricCountStatic * stride).ToArray();
        var ms = new List<Metric>();
        var mods = new List<int>();
        foreach (var metric in Enum.GetValues<Metric>())
        {
            map[(int)metric * stride + Modalities.Count] = ms.Count;
            ms.Add(metric); mods.Add(Modalities.Count);
            if (Array.IndexOf(PerModality, metric) < 0) continue;
            for (int m = 0; m < Modalities.Count; m++)
            {
                map[(int)metric * stride + m] = ms.Count;
                ms.Add(metric); mods.Add(m);
            }
        }
        metrics = [.. ms];
        modalities = [.. mods];
        return map;
    }

    private static int MetricCountStatic => Enum.GetValues<Metric>().Length;

    private static string ToSnake(Metric metric) => metric switch
    {
        Metric.Retained12Wk => "retained_12wk",
        Metric.P95WaitWeeks => "p95_wait_weeks",
        Metric.P95WaitWeeksCjs => "p95_wait_weeks_cjs",
        Metric.AdmittedWithin3WkShare => "admitted_within_3wk_share",
        Metric.CostGbp => "cost_gbp",
        Metric.TestingCostGbp => "testing_cost_gbp",
        _ => string.Concat(metric.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString())),
    };
}
