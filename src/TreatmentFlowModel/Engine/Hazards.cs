using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Engine;

/// <summary>Weekly probabilities from rates: hazards, competing events and conditional chains.</summary>
internal static class Hazards
{
    /// <summary>Weekly hazard equivalent to a weekly probability (1 is capped just below certainty).</summary>
    public static double Hazard(double probability) => -Math.Log(1 - Math.Min(probability, 1 - 1e-12));

    /// <summary>Probabilities of each of three competing events within a week from their weekly hazards: p_i = h_i / H · (1 - e^-H).</summary>
    public static void Competing(double h1, double h2, double h3, out double p1, out double p2, out double p3)
    {
        double total = h1 + h2 + h3;
        if (total <= 0) { p1 = p2 = p3 = 0; return; }
        double any = -Math.ExpM1Safe(-total) / total;
        p1 = h1 * any; p2 = h2 * any; p3 = h3 * any;
    }

    /// <summary>p / rest, the probability of an event given that earlier competing events did not happen.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Conditional(double p, double rest) => rest > 0 ? Math.Min(1, p / rest) : 0;

    /// <summary>
    /// c_i = p_i / (1 - p_0 - ... - p_{i-1}) for every category but the last: the binomial probabilities of a
    /// multinomial split by conditional binomials (see <see cref="Splits{TDraws}.Multinomial"/>).
    /// </summary>
    public static void ConditionalChain(ReadOnlySpan<double> p, Span<double> into)
    {
        double rest = 1;
        for (int i = 0; i < into.Length; i++)
        {
            into[i] = Conditional(p[i], rest);
            rest -= p[i];
        }
    }
}
