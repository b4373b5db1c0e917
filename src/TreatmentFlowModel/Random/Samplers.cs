using System.Runtime.CompilerServices;

namespace TreatmentFlowModel.Random;

/// <summary>
/// Binomial and Poisson samplers fit for the weekly loop: no allocation, expected O(1) time.
/// Binomial: inversion when n·min(p, 1-p) &lt; 10, otherwise BTRS (Hörmann 1993, "The generation of
/// binomial random variates", J. Stat. Comput. Simul. 46). Poisson: inversion below a mean of 10,
/// otherwise PTRS (Hörmann 1993, "The transformed rejection method for generating Poisson random
/// variables", Insurance: Mathematics and Economics 12).
/// </summary>
internal static class Samplers
{
    private const double InversionLimit = 10.0;

    /// <summary>A Binomial(n, p) draw. Callers guarantee n ≥ 0 and 0 ≤ p ≤ 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Binomial(ref RandomStream rng, long n, double p) => (long)Binomial(ref rng, (double)n, p); // exact below 2^53

    /// <summary>
    /// A Binomial(n, p) draw for a whole number <paramref name="n"/> held as a double, as the engine holds its counts.
    /// Callers guarantee n ≥ 0 and 0 ≤ p ≤ 1.
    /// </summary>
    /// <remarks>
    /// Inlined into the weekly loop: most of the model's draws are small-mean inversions that give 0, and those
    /// are settled here from one 32-bit word, with no call and no conversion.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Binomial(ref RandomStream rng, double n, double p)
    {
        if (n <= 0 || p <= 0.0) return 0;
        double np = n * p;
        if (p > 0.5 || np >= InversionLimit) return BinomialOtherwise(ref rng, (long)n, p);
        uint coarse = rng.NextUInt32();
        return SurelyZero(coarse, np, p) ? 0 : BinomialInversion(ref rng, (long)n, p, coarse);
    }

    /// <summary>The draws the inline <c>Binomial</c> does not settle: p = 1, symmetry for p &gt; 0.5, and BTRS.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long BinomialOtherwise(ref RandomStream rng, long n, double p)
    {
        if (p >= 1.0) return n;
        if (p > 0.5) return n - Binomial(ref rng, n, 1.0 - p);
        return BinomialBtrs(ref rng, n, p);
    }

    /// <summary>
    /// Whether the 32-bit uniform <paramref name="coarse"/> lies clearly below P(0) = (1-p)^n, judged without
    /// computing it: by Bonferroni's inequality P(0) ≥ 1 - np + C(n,2)p² - C(n,3)p³. A margin of two 2^-32 widths
    /// keeps this exactly the answer of the full inversion, which it only ever shortcuts.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool SurelyZero(uint coarse, double np, double p)
    {
        double u = (coarse + 0.5) * (1.0 / 4294967296.0);
        if (u <= 1 - np - 2 * Coarse) return true; // the first bound, 1 - np, settles the smallest means in two operations
        double nm1p = np - p; // (n - 1)p
        return u <= 1 - np * (1 - 0.5 * nm1p * (1 - (nm1p - p) * (1.0 / 3))) - 2 * Coarse;
    }

    /// <summary>A Poisson(mean) draw. Callers guarantee mean ≥ 0 and finite.</summary>
    public static long Poisson(ref RandomStream rng, double mean)
    {
        if (mean <= 0.0) return 0;
        return mean < InversionLimit ? PoissonInversion(ref rng, mean) : PoissonPtrs(ref rng, mean);
    }

    /// <summary>Inversion from a fresh 32-bit word; the hot path goes through <c>Binomial</c>.</summary>
    internal static long BinomialInversion(ref RandomStream rng, long n, double p) =>
        BinomialInversion(ref rng, n, p, rng.NextUInt32());

    /// <summary>
    /// Inversion from the 32-bit uniform <paramref name="coarse"/> (a quarter of a Philox block). Its 2^-32-wide
    /// interval decides the draw unless a CDF boundary falls inside it; then the uniform is refined to the full
    /// 53 bits and the inversion redone, so the result is exactly that of a 53-bit inversion.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static long BinomialInversion(ref RandomStream rng, long n, double p, uint coarse)
    {
        double u = (coarse + 0.5) * (1.0 / 4294967296.0);
        double q = 1.0 - p;
        double r0 = QPowN(q, p, n);
        if (u <= r0 - Coarse) return 0;
        double s = p / q;
        double a = (n + 1) * s;
        double tie = Coarse;
        while (true)
        {
            double r = r0, left = u;
            long x = 0;
            while (true)
            {
                if (left <= r - tie) return x;
                if (left - r <= tie) break;   // too close to call at this resolution
                left -= r;
                x++;
                if (x > n) break;             // rounding left a sliver of mass beyond n
                r *= a / x - s;
            }
            if (tie == 0 && x <= n) return x; // the refined uniform sits on the boundary: inversion takes the lower value
            if (x > n && tie == 0) { coarse = rng.NextUInt32(); u = (coarse + 0.5) * (1.0 / 4294967296.0); tie = Coarse; continue; }
            // Refine: the coarse interval's 21 further bits make a 53-bit uniform inside it.
            u = (((ulong)coarse << 21 | rng.NextUInt32() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
            tie = 0;
        }
    }

    /// <summary>Half-width of a 32-bit uniform's interval plus a margin for the rounding of the running subtraction.</summary>
    private const double Coarse = 1.0 / 4294967296.0;

    private static long BinomialBtrs(ref RandomStream rng, long n, double p)
    {
        double spq = Math.Sqrt(n * p * (1.0 - p));
        double b = 1.15 + 2.53 * spq;
        double a = -0.0873 + 0.0248 * b + 0.01 * p;
        double c = n * p + 0.5;
        double vr = 0.92 - 4.2 / b;
        double alpha = (2.83 + 5.1 / b) * spq;
        double lpq = Math.Log(p / (1.0 - p));
        long m = (long)Math.Floor((n + 1) * p);
        double h = LogFactorial(m) + LogFactorial(n - m);
        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double kd = Math.Floor((2.0 * a / us + b) * u + c);
            if (kd < 0 || kd > n) continue;
            long k = (long)kd;
            if (us >= 0.07 && v <= vr) return k;
            v = Math.Log(v * alpha / (a / (us * us) + b));
            if (v <= h - LogFactorial(k) - LogFactorial(n - k) + (k - m) * lpq) return k;
        }
    }

    private static long PoissonInversion(ref RandomStream rng, double mean)
    {
        double p = Math.Exp(-mean);
        double u = rng.NextDouble();
        long k = 0;
        while (u > p)
        {
            u -= p;
            k++;
            p *= mean / k;
            if (p == 0.0 && u > 0.0)
            {
                // Only reachable through rounding in the far tail: restart.
                k = 0;
                p = Math.Exp(-mean);
                u = rng.NextDouble();
            }
        }
        return k;
    }

    private static long PoissonPtrs(ref RandomStream rng, double mean)
    {
        double logMean = Math.Log(mean);
        double b = 0.931 + 2.53 * Math.Sqrt(mean);
        double a = -0.059 + 0.02483 * b;
        double invAlpha = 1.1239 + 1.1328 / (b - 3.4);
        double vr = 0.9277 - 3.6224 / (b - 2.0);
        while (true)
        {
            double u = rng.NextDouble() - 0.5;
            double v = rng.NextDouble();
            double us = 0.5 - Math.Abs(u);
            double kd = Math.Floor((2.0 * a / us + b) * u + mean + 0.43);
            if (us >= 0.07 && v <= vr) return (long)kd;
            if (kd < 0 || (us < 0.013 && v > us)) continue;
            double lhs = Math.Log(v * invAlpha / (a / (us * us) + b));
            if (lhs <= -mean + kd * logMean - LogFactorial((long)kd)) return (long)kd;
        }
    }

    /// <summary>
    /// (1 - p)^n, the chance of no event. Small n (most of the model's draws) by repeated squaring, which
    /// is several times cheaper than exp and log and as accurate (relative error about log2(n) ulps).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double QPowN(double q, double p, long n)
    {
        if (n > 1024) return Math.Exp(n * Log1p(-p));
        const long One = 0x3FF0_0000_0000_0000; // the bits of 1.0
        double result = 1, square = q;
        for (long k = n; ;)
        {
            // Multiply by square where the bit is set and by 1 (exact) where it is clear, choosing with a bit mask:
            // n's bits are unpredictable, and a branch on each would be mispredicted half the time.
            long take = -(k & 1);
            result *= BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(square) & take) | (One & ~take));
            k >>= 1;
            if (k == 0) return result;
            square *= square;
        }
    }

    /// <summary>ln(1 + x), accurate for tiny |x| where Math.Log(1 + x) loses digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Log1p(double x) =>
        Math.Abs(x) < 1e-4 ? x * (1 - x * (0.5 - x * (1.0 / 3 - x * 0.25))) : Math.Log(1 + x);

    private static readonly double[] LogFactorialTable = BuildLogFactorialTable(256);

    /// <summary>ln(k!) from a table below 256, else Stirling's series (error below 1e-15 relative).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double LogFactorial(long k)
    {
        if (k < LogFactorialTable.Length) return LogFactorialTable[k];
        double x = k + 1.0;
        double ix = 1.0 / x, ix2 = ix * ix;
        return (x - 0.5) * Math.Log(x) - x + 0.91893853320467274178 // ln(sqrt(2π))
            + ix * (1.0 / 12 - ix2 * (1.0 / 360 - ix2 * (1.0 / 1260 - ix2 / 1680)));
    }

    private static double[] BuildLogFactorialTable(int size)
    {
        var table = new double[size];
        for (int k = 1; k < size; k++) table[k] = table[k - 1] + Math.Log(k);
        return table;
    }
}
