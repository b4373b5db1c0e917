using System.Globalization;

namespace TreatmentFlowModel.Model;

/// <summary>
/// Figures as precise as they really are: results come from Monte Carlo runs and from summaries whose percentiles are
/// good to about 1.6% (the streaming summaries' histograms), so a median printed to the last person claims more
/// than it knows. One place for the rules, so the headline, the report and the explorer round alike.
/// </summary>
public static class Rounding
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><paramref name="x"/> rounded to <paramref name="digits"/> significant figures (NaN and infinities unchanged).</summary>
    /// <param name="x">The value.</param>
    /// <param name="digits">Significant figures, 1 to 15.</param>
    public static double Significant(double x, int digits)
    {
        if (digits is < 1 or > 15) throw new ArgumentOutOfRangeException(nameof(digits), digits, "1 to 15 significant figures");
        if (x == 0 || !double.IsFinite(x)) return x;
        int magnitude = (int)Math.Floor(Math.Log10(Math.Abs(x))) + 1;
        int decimals = digits - magnitude;
        if (decimals >= 0) return Math.Round(x, Math.Min(decimals, 15), MidpointRounding.AwayFromZero);
        double scale = Math.Pow(10, -decimals);
        return Math.Round(x / scale, MidpointRounding.AwayFromZero) * scale;
    }

    /// <summary>An approximate amount for prose: two significant figures with thousands separators (25,000; 1,300; 48), "–" when undefined.</summary>
    public static string About(double x) => !double.IsFinite(x) ? "–" : Significant(x, 2).ToString("#,0.##", Inv);

    /// <summary>A figure for tables: three significant figures with thousands separators (187,000; 2.45; 0.0312), "–" when undefined.</summary>
    public static string Figure(double x) => !double.IsFinite(x) ? "–" : Significant(x, 3).ToString(Math.Abs(x) >= 100 ? "#,0" : "#,0.###", Inv);

    /// <summary>A share as a whole percentage (16%), or with one decimal below 1% and above 99% (0.4%), "–" when undefined.</summary>
    public static string Percent(double share)
    {
        if (!double.IsFinite(share)) return "–";
        double percent = share * 100;
        return Math.Abs(percent) < 1 && percent != 0 || percent > 99 && percent < 100
            ? percent.ToString("0.0", Inv) + "%"
            : Math.Round(percent, MidpointRounding.AwayFromZero).ToString("0", Inv) + "%";
    }
}
