using System.Globalization;
using MathNet.Numerics.Distributions;

namespace TreatmentFlowModel.Targets;

/// <summary>
/// How often something happened over a run's replicates ("met in 613 of 1,000 runs") and how sure that share is:
/// its Monte Carlo standard error and the exact (Clopper-Pearson) 95% interval, which stays honest at 0 and at every
/// run, where the normal approximation says "0 ± 0".
/// </summary>
/// <param name="Count">Replicates in which it happened.</param>
/// <param name="Runs">Replicates run.</param>
public readonly record struct ShareOfRuns(int Count, int Runs)
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The share of <paramref name="runs"/> replicates given as a fraction (targets.csv's <c>p_met</c>), as a whole count of runs.</summary>
    /// <param name="share">A share from 0 to 1 whose denominator is <paramref name="runs"/>.</param>
    /// <param name="runs">Replicates run (at least 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="runs"/> is below 1 or <paramref name="share"/> is outside [0, 1].</exception>
    public static ShareOfRuns Of(double share, int runs)
    {
        if (runs < 1) throw new ArgumentOutOfRangeException(nameof(runs), runs, "at least one replicate");
        if (!(share >= 0 && share <= 1)) throw new ArgumentOutOfRangeException(nameof(share), share, "a share from 0 to 1");
        return new ShareOfRuns((int)Math.Round(share * runs), runs);
    }

    /// <summary>The share, <see cref="Count"/> / <see cref="Runs"/>.</summary>
    public double Estimate => (double)Count / Runs;

    /// <summary>The Monte Carlo standard error of <see cref="Estimate"/>, sqrt(p (1 - p) / n) (0 when it is 0 or 1: see <see cref="Lower95"/> and <see cref="Upper95"/>).</summary>
    public double StandardError => Math.Sqrt(Estimate * (1 - Estimate) / Runs);

    /// <summary>Lower end of the exact two-sided 95% interval (Clopper and Pearson 1934): 0 when <see cref="Count"/> is 0.</summary>
    public double Lower95 => Count == 0 ? 0 : Beta.InvCDF(Count, Runs - Count + 1, 0.025);

    /// <summary>Upper end of the exact two-sided 95% interval: 1 when <see cref="Count"/> is <see cref="Runs"/>; 1 - 0.025^(1/n) when it is 0.</summary>
    public double Upper95 => Count == Runs ? 1 : Beta.InvCDF(Count + 1, Runs - Count, 0.975);

    /// <summary>
    /// In words, with the Monte Carlo error: "met in 0 of 1,000 runs, under 0.4% at 95% confidence", "met in all 200
    /// runs, over 98% at 95% confidence", "met in 613 of 1,000 runs (61%; 95% confidence 58-64%)". Bounds are rounded
    /// outwards, so the words never claim more than the runs show.
    /// </summary>
    /// <param name="verb">What happened, e.g. <c>met</c>.</param>
    public string Describe(string verb = "met")
    {
        if (Runs == 1) return Count == 1 ? $"{verb} in the single run" : $"not {verb} in the single run";
        string runs = Runs.ToString("N0", Inv);
        if (Count == 0) return $"{verb} in 0 of {runs} runs, under {Percent(Upper95, up: true)} at 95% confidence";
        if (Count == Runs) return $"{verb} in all {runs} runs, over {Percent(Lower95, up: false)} at 95% confidence";
        return $"{verb} in {Count.ToString("N0", Inv)} of {runs} runs ({Percent(Estimate, up: null)}; 95% confidence {PercentNumber(Lower95, up: false)}-{Percent(Upper95, up: true)})";
    }

    /// <summary>A share as a percentage with as many decimals as small values need (0.37% → 0.4%, 16.8% → 17%), rounded up, down or to nearest.</summary>
    internal static string Percent(double share, bool? up) => PercentNumber(share, up) + "%";

    private static string PercentNumber(double share, bool? up)
    {
        double percent = share * 100;
        int decimals = percent < 1 || percent > 99 ? 1 : 0;
        double scale = Math.Pow(10, decimals);
        double rounded = up switch
        {
            true => Math.Ceiling(percent * scale - 1e-9) / scale,
            false => Math.Floor(percent * scale + 1e-9) / scale,
            null => Math.Round(percent * scale, MidpointRounding.AwayFromZero) / scale,
        };
        return rounded.ToString(decimals == 0 ? "0" : "0.0", Inv);
    }
}
