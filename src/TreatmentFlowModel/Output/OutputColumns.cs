using System.Globalization;

namespace TreatmentFlowModel.Output;

/// <summary>
/// The columns of every output CSV file, declared once: the writers take their header rows from here and codebook.csv
/// describes them from here, so a file and its documentation cannot drift apart. Metric values are written to the
/// precision the metric codebook states (<see cref="Model.MetricCodebook"/>); shares of runs to <see cref="ShareDecimals"/>.
/// </summary>
public static class OutputColumns
{
    /// <summary>Decimal places of shares of runs (<c>p_met</c>, <c>p_target_met</c>): exact for up to 10,000 runs.</summary>
    public const int ShareDecimals = 4;

    private const string Metric = "metric";
    private static readonly string Share = ShareDecimals.ToString(CultureInfo.InvariantCulture);

    private static OutputColumn[] Summary(string file, params OutputColumn[] first) =>
    [
        .. first,
        new(file, "mean", Metric, Metric, "Mean over the runs"),
        new(file, "sd", Metric, Metric, "Standard deviation over the runs (0 for one run)"),
        new(file, "p05", Metric, Metric, "5th percentile over the runs (good to about 1.6% above 128, exact below)"),
        new(file, "p25", Metric, Metric, "25th percentile over the runs"),
        new(file, "p50", Metric, Metric, "Median over the runs"),
        new(file, "p75", Metric, Metric, "75th percentile over the runs"),
        new(file, "p95", Metric, Metric, "95th percentile over the runs"),
    ];

    private static OutputColumn Period(string file) => new(file, "period", "", "", "Financial year April-March as text, e.g. FY2003-04 (spreadsheets keep it as text)");

    private static OutputColumn Year(string file) => new(file, "year", "year", "0", "Calendar year the financial year starts in, e.g. 2003 for FY2003-04 (a number, for sorting and plotting)");

    private static OutputColumn Area(string file) => new(file, "area", "", "", "The run's total, labelled by what it covers (England only for all 149 DATs; otherwise the DAT, the region or \"N DATs\"), a government office region the run holds whole, or a Drug Action Team");

    private static OutputColumn Modality(string file) => new(file, "modality", "", "", "Treatment modality (snake_case), or all for the total over modalities");

    private static OutputColumn MetricName(string file) => new(file, "metric", "", "", "The measure (snake_case); its unit, precision and definition are the metric rows of this codebook");

    /// <summary>Every file's columns, in file order.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<OutputColumn>> Files { get; } = new Dictionary<string, IReadOnlyList<OutputColumn>>
    {
        ["weekly.csv"] = Summary("weekly.csv",
            new("weekly.csv", "date", "date", "", "First day of the week (ISO yyyy-mm-dd); levels are at the week's end, counts over its seven days"),
            Area("weekly.csv"), Modality("weekly.csv"), MetricName("weekly.csv")),
        ["annual.csv"] = Summary("annual.csv", Period("annual.csv"), Year("annual.csv"), Area("annual.csv"), Modality("annual.csv"), MetricName("annual.csv")),
        ["monthly.csv"] = Summary("monthly.csv",
            new("monthly.csv", "period", "", "", "Calendar month, ISO yyyy-mm, e.g. 2003-04 for April 2003. A week belongs to the month of its first day (weeks begin on the run's start weekday), as it belongs to the financial year of its first day, so months add up to quarters and financial years; the first and last months hold only the weeks simulated"),
            new("monthly.csv", "year", "year", "0", "Calendar year of the month"),
            new("monthly.csv", "month", "month", "0", "Month of the year, 1 (January) to 12"),
            new("monthly.csv", "financial_year", "", "", "The April-March financial year the month is in, e.g. FY2003-04"),
            new("monthly.csv", "weeks", "weeks", "0", "Simulated weeks in the month: 4 or 5 (fewer at the run's ends), so a month's counts are over 28 or 35 days, not its calendar days"),
            Area("monthly.csv"), Modality("monthly.csv"), MetricName("monthly.csv")),
        ["quarterly.csv"] = Summary("quarterly.csv",
            new("quarterly.csv", "period", "", "", "Calendar quarter, e.g. 2003Q2 for April-June 2003; a week belongs to the quarter of its first day (see monthly.csv's period)"),
            new("quarterly.csv", "year", "year", "0", "Calendar year of the quarter"),
            new("quarterly.csv", "quarter", "quarter", "0", "Calendar quarter of the year, 1 (January-March) to 4"),
            new("quarterly.csv", "financial_quarter", "", "", "The same quarter as a quarter of its April-March financial year, e.g. FY2003-04-Q1 for April-June 2003 (Q4 is January-March)"),
            new("quarterly.csv", "weeks", "weeks", "0", "Simulated weeks in the quarter: 13 or 14 (fewer at the run's ends)"),
            Area("quarterly.csv"), Modality("quarterly.csv"), MetricName("quarterly.csv")),
        ["tracking.csv"] =
        [
            new("tracking.csv", "period", "", "", "The observed period in the output files' words: a week by its first day (2003-06-02), a month 2003-04, a quarter 2003Q2, a financial year FY2003-04"),
            new("tracking.csv", "kind", "", "", "week, month, quarter or financial_year: the file it is compared with (weekly.csv: the simulated week holding most of its days; monthly.csv, quarterly.csv, annual.csv)"),
            Area("tracking.csv"), MetricName("tracking.csv"),
            new("tracking.csv", "observed", Metric, Metric, "The figure in the observation file (tfm run --observed)"),
            new("tracking.csv", "p05", Metric, Metric, "5th percentile of the forecast over the runs"),
            new("tracking.csv", "p50", Metric, Metric, "Median of the forecast over the runs"),
            new("tracking.csv", "p95", Metric, Metric, "95th percentile of the forecast over the runs"),
            new("tracking.csv", "inside_band", "", "", "true when the observed figure is inside the forecast's 5-95% band (ends included), else false"),
            new("tracking.csv", "z", "z", "2", "(observed - p50) / ((p95 - p05) / 3.29): standard deviations from the median were the forecast normal (beyond about 1.645 either way is outside the band); empty when the band has no width (one run, the deterministic mode)"),
        ],
        ["targets.csv"] =
        [
            new("targets.csv", "target", "", "", "The target (see the target rows of this codebook)"),
            Area("targets.csv"), Period("targets.csv"), Year("targets.csv"),
            new("targets.csv", "baseline", Metric, Metric, "Mean of the measure in the base year (growth targets) or the year before (rise targets); empty for wait targets"),
            new("targets.csv", "threshold", Metric, Metric, "The level to reach: baseline times the factor (mean over runs), the value to beat, or the maximum wait in weeks"),
            new("targets.csv", "mean", Metric, Metric, "Mean of the measure in the target year over the runs"),
            new("targets.csv", "p05", Metric, Metric, "5th percentile of the measure"),
            new("targets.csv", "p50", Metric, Metric, "Median of the measure"),
            new("targets.csv", "p95", Metric, Metric, "95th percentile of the measure"),
            new("targets.csv", "p_met", "share", Share, "Share of the runs meeting the target, each against its own baseline"),
        ],
        ["gaps.csv"] =
        [
            Period("gaps.csv"), Year("gaps.csv"), Area("gaps.csv"), Modality("gaps.csv"),
            new("gaps.csv", "demand", "persons", "2", "Mean referrals in the year wanting a place in the modality (criminal-justice and other routes)"),
            new("gaps.csv", "places", "places", "2", "Mean places funded at the year's end"),
            new("gaps.csv", "waiting", "persons", "2", "Mean number waiting at the year's end"),
            new("gaps.csv", "p95_wait_weeks", "weeks", "2", "Median over the runs of the 95th percentile of completed waits; empty when nobody was admitted"),
            new("gaps.csv", "target_weeks", "weeks", "2", "The NTA maximum wait that year"),
            new("gaps.csv", "p_target_met", "share", Share, "Share of the runs whose 95th percentile wait is within the maximum"),
            new("gaps.csv", "extra_places_p50", "places", "2", "Median over the runs of the extra places that would have admitted everyone within the maximum wait"),
            new("gaps.csv", "extra_places_p90", "places", "2", "90th percentile of those extra places: enough in 90% of the runs. Rows run most severe first in each year: the least likely to meet the wait target, then the most extra places"),
        ],
        ["trajectories.csv"] =
        [
            new("trajectories.csv", "replicate", "", "0", "The run (0 to K-1 for --trajectories K)"),
            new("trajectories.csv", "date", "date", "", "First day of the week (ISO yyyy-mm-dd)"),
            Area("trajectories.csv"), MetricName("trajectories.csv"),
            new("trajectories.csv", "value", Metric, Metric, "The run's value of the measure that week (total over modalities)"),
        ],
        ["compare.csv"] =
        [
            new("compare.csv", "scenario", "", "", "The scenario; the first is the reference the differences are taken from"),
            new("compare.csv", "area", "", "", "England or a DAT every compared scenario simulates"),
            MetricName("compare.csv"), Period("compare.csv"), Year("compare.csv"),
            new("compare.csv", "mean", Metric, Metric, "Mean over the runs"),
            new("compare.csv", "p05", Metric, Metric, "5th percentile over the runs"),
            new("compare.csv", "p50", Metric, Metric, "Median over the runs"),
            new("compare.csv", "p95", Metric, Metric, "95th percentile over the runs"),
            new("compare.csv", "diff_mean", Metric, Metric, "Mean of the paired differences from the reference (run r minus the reference's run r, common random numbers); empty for the reference"),
            new("compare.csv", "diff_sd", Metric, Metric, "Standard deviation of the paired differences"),
            new("compare.csv", "diff_p05", Metric, Metric, "5th percentile of the paired differences"),
            new("compare.csv", "diff_p95", Metric, Metric, "95th percentile of the paired differences"),
        ],
        ["compare-targets.csv"] =
        [
            new("compare-targets.csv", "target", "", "", "The target (see the target rows of this codebook)"),
            Period("compare-targets.csv"), Year("compare-targets.csv"),
            new("compare-targets.csv", "scenario", "", "", "The scenario"),
            new("compare-targets.csv", "p_met", "share", Share, "Share of the scenario's runs meeting the target, England"),
        ],
    };

    /// <summary>The header row of <paramref name="file"/> (without the line end).</summary>
    public static string Header(string file) => string.Join(',', Files[file].Select(c => c.Name));
}
