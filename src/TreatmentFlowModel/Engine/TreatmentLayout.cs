using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>
/// Where the people in treatment live in the engine's flat array: per area-modality one row per
/// <see cref="TreatmentRoute"/>, each of <see cref="Bins"/> counts by time in treatment.
/// </summary>
/// <remarks>
/// <para>Bins 0-12 are single weeks (weeks 0 to 12 in treatment: the 12-week retention measure is exact). From week 13
/// people sit in 13-week cohorts aligned to the run's quarters (13 weeks each from the first simulated week): cohort 0
/// (<see cref="FirstCohort"/>) collects those reaching 13 weeks during the current quarter; at each quarter's end every
/// cohort moves on one, the last into the open tail (<see cref="Tail"/>). No random draw moves anyone between cohorts,
/// so the wide bins cost only their exit draws.</para>
/// <para>Age error: someone reaching week 13 with u weeks of the quarter left (u from 0 to 12, uniform) spends u weeks in
/// cohort 0 (weeks 13-24) and then 13 in each later cohort, so cohort j ≥ 1 holds people 13j + 12 ± 12 weeks into
/// treatment (triangular: u and the week of the quarter are both uniform), standard deviation 5.3 weeks, never more than
/// 12 off; the tail starts at 104-116 weeks. Erlang stages of 13 weeks (advance probability 1/13) would cost a draw per
/// stage and blur the age by 12.5 weeks at 26 and 33 weeks at 104. A cohort's exit hazard averages the age bands'
/// hazards over its spread, so the retention curve is right on average over the weeks people are admitted in; for one
/// admission week it is off by at most the bands' hazard difference over 12 weeks (a few per cent of S(t) with the
/// default retention).</para>
/// <para>The criminal-justice row holds only bins 0-13 (weekly bins and cohort 0, where a higher drop-out applies); at the
/// quarter's end its cohort 0 joins the other-route row's cohort 1. The non-PDU row is a full row of its own: those people
/// leave the system when they leave treatment.</para>
/// </remarks>
internal readonly struct TreatmentLayout
{
    /// <summary>Single-week bins: weeks 0 to 12 in treatment.</summary>
    public const int WeeklyBins = 13;

    /// <summary>13-week cohorts between the weekly bins and the tail.</summary>
    public const int Cohorts = 8;

    /// <summary>Weeks per cohort, and the length of the quarters at whose end cohorts move on.</summary>
    public const int QuarterWeeks = 13;

    /// <summary>Bins per row: the weekly bins, the cohorts and the open tail.</summary>
    public const int DefaultBins = WeeklyBins + Cohorts + 1;

    /// <summary>The bin of cohort 0 (weeks 13-25 in treatment).</summary>
    public const int FirstCohort = WeeklyBins;

    /// <summary>The open tail: 104 weeks in treatment or more.</summary>
    public const int Tail = DefaultBins - 1;

    /// <summary>Bins of the criminal-justice row that can hold anyone (the weekly bins and cohort 0).</summary>
    public const int CjsBins = WeeklyBins + 1;

    /// <summary>Rows per area-modality.</summary>
    public const int Routes = 3;

    /// <summary>A layout for <paramref name="areas"/> areas.</summary>
    public TreatmentLayout(int areas) => Areas = areas;

    /// <summary>Areas laid out.</summary>
    public int Areas { get; }

    /// <summary>Bins per row.</summary>
    public int Bins => DefaultBins;

    /// <summary>Counts in all.</summary>
    public int Length => AreaModality.Count(Areas) * Routes * DefaultBins;

    /// <summary>Rows in all.</summary>
    public int Rows => AreaModality.Count(Areas) * Routes;

    /// <summary>The row of <paramref name="route"/> in area-modality <paramref name="areaModality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Row(int areaModality, TreatmentRoute route) => areaModality * Routes + (int)route;

    /// <summary>Index of bin 0 of row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int RowStart(int row) => row * DefaultBins;

    /// <summary>Index of bin 0 of area-modality <paramref name="areaModality"/>'s first row: its rows follow each other.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Start(int areaModality) => areaModality * Routes * DefaultBins;

    /// <summary>Counts in one area-modality (every route's row).</summary>
    public int PerAreaModality => Routes * DefaultBins;

    /// <summary>Index of bin <paramref name="d"/> of <paramref name="route"/>'s row of area-modality <paramref name="areaModality"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Bin(int areaModality, TreatmentRoute route, int d) => Row(areaModality, route) * DefaultBins + d;

    /// <summary>Whether week <paramref name="w"/> (from the first simulated week) ends a quarter, when cohorts move on.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool EndsQuarter(int w) => (w + 1) % QuarterWeeks == 0;

    /// <summary>
    /// The age band (0: weeks 0-3, 1: 4-12, 2: 13-25, 3: 26-51, 4: 52-103, 5: 104 or more) of someone <paramref name="weeks"/>
    /// weeks into treatment; the bands of the retention parameters.
    /// </summary>
    public static int Band(int weeks) => weeks switch { < 4 => 0, < 13 => 1, < 26 => 2, < 52 => 3, < 104 => 4, _ => 5 };

    /// <summary>Age bands of the retention parameters.</summary>
    public const int Bands = 6;

    /// <summary>Weeks in each band but the open last one.</summary>
    public static ReadOnlySpan<int> BandWidths => [4, 9, 13, 26, 52];
}
