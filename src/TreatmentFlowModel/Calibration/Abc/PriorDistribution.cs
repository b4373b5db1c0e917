namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The prior of one calibrated parameter: its support (an open interval, possibly unbounded), its log-density and a
/// sampler. The support decides the scale on which the sampler perturbs the parameter (see <see cref="Prior"/>):
/// logit between two finite bounds, log above a finite lower bound (or below a finite upper one), identity on the
/// whole line.
/// </summary>
public abstract class PriorDistribution
{
    /// <summary>Lower end of the support (exclusive); <see cref="double.NegativeInfinity"/> when unbounded below.</summary>
    public abstract double Lower { get; }

    /// <summary>Upper end of the support (exclusive); <see cref="double.PositiveInfinity"/> when unbounded above.</summary>
    public abstract double Upper { get; }

    /// <summary>The prior mean.</summary>
    public abstract double Mean { get; }

    /// <summary>The prior standard deviation.</summary>
    public abstract double StandardDeviation { get; }

    /// <summary>Natural log of the density at <paramref name="x"/>; <see cref="double.NegativeInfinity"/> outside the open support.</summary>
    public abstract double LogDensity(double x);

    /// <summary>One draw, strictly inside the support, using only <paramref name="random"/>.</summary>
    /// <param name="random">The source of uniforms; the sampler passes a counter-based stream so draws are reproducible.</param>
    public double Sample(System.Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        // A draw that rounds onto a bound (possible in double precision for the extreme tails) lies outside the open
        // support, where the transformed scale is infinite: draw again from the same stream, which stays reproducible.
        while (true)
        {
            double x = SampleUnchecked(random);
            if (x > Lower && x < Upper) return x;
        }
    }

    /// <summary>One draw from the distribution, which may round onto a bound of the support.</summary>
    protected abstract double SampleUnchecked(System.Random random);

    /// <summary>Whether <paramref name="x"/> lies strictly inside the support.</summary>
    public bool Contains(double x) => x > Lower && x < Upper;
}
