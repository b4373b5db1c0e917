using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>The outcome of a <see cref="RecoveryStudy"/>: every case, and the coverage of the posterior intervals.</summary>
public sealed class RecoveryResult
{
    /// <summary>A result from its cases.</summary>
    public RecoveryResult(IEnumerable<string> parameterNames, double intervalProbability, IEnumerable<RecoveryCase> cases)
    {
        ParameterNames = [.. parameterNames];
        IntervalProbability = intervalProbability;
        Cases = [.. cases];
    }

    /// <summary>The parameters.</summary>
    public ImmutableArray<string> ParameterNames { get; }

    /// <summary>The central probability of the intervals checked.</summary>
    public double IntervalProbability { get; }

    /// <summary>The cases, in the order of the truths.</summary>
    public ImmutableArray<RecoveryCase> Cases { get; }

    /// <summary>Share of cases whose interval for parameter <paramref name="parameter"/> holds the truth.</summary>
    public double CoverageOf(int parameter) => Cases.Count(c => c.Covers(parameter)) / (double)Cases.Length;

    /// <summary>Share of all (case, parameter) intervals that hold their truth.</summary>
    public double Coverage => Cases.Sum(c => Enumerable.Range(0, ParameterNames.Length).Count(c.Covers)) / (double)(Cases.Length * ParameterNames.Length);

    /// <summary>Simulations of all cases together (the synthetic data sets not counted).</summary>
    public long TotalSimulations => Cases.Sum(c => c.Simulations);

    /// <summary>One row per case and parameter: case, parameter, truth, lower, median, upper, covered; invariant culture, round-trip numbers.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder("case,parameter,truth,lower,median,upper,covered\n");
        foreach (var c in Cases)
            for (int p = 0; p < ParameterNames.Length; p++)
                text.Append(CultureInfo.InvariantCulture, $"{c.Index},{ParameterNames[p]},{R(c.Truth[p])},{R(c.Lower[p])},{R(c.Median[p])},{R(c.Upper[p])},{(c.Covers(p) ? "true" : "false")}\n");
        return text.ToString();
    }

    /// <summary>The coverage table as Markdown: one row per parameter and one for all, with the study's size and cost.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"| parameter | cases covered by the {IntervalProbability:P0} interval | coverage |\n|---|---|---|\n");
        for (int p = 0; p < ParameterNames.Length; p++)
            text.Append(CultureInfo.InvariantCulture, $"| {ParameterNames[p]} | {Cases.Count(c => c.Covers(p))} / {Cases.Length} | {CoverageOf(p):P0} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| all | {Cases.Sum(c => Enumerable.Range(0, ParameterNames.Length).Count(c.Covers))} / {Cases.Length * ParameterNames.Length} | {Coverage:P0} |\n");
        text.Append(CultureInfo.InvariantCulture, $"\n{Cases.Length} synthetic data sets, {TotalSimulations:N0} simulations in all ({TotalSimulations / Math.Max(1, Cases.Length):N0} per case).\n");
        return text.ToString();
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
