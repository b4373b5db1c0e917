using System.Collections.Immutable;

namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>
/// The joint prior of the calibrated parameters: independent priors, one per named parameter. It also holds the map
/// to the unbounded scale on which the sampler's Gaussian kernel moves the parameters (see
/// <see cref="ToUnbounded"/>), and the prior density on that scale, Jacobian included
/// (<see cref="LogDensityUnbounded"/>), which is what the importance weights need.
/// </summary>
public sealed class Prior
{
    private readonly ParameterScale[] _scales;

    /// <summary>A prior over the given parameters, in order; names must be unique and plain CSV headers.</summary>
    /// <exception cref="ArgumentException">No parameters, a repeated name, or a name that cannot be a CSV header.</exception>
    public Prior(IEnumerable<PriorParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        Parameters = [.. parameters];
        if (Parameters.Length == 0) throw new ArgumentException("A prior needs at least one parameter.", nameof(parameters));
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in Parameters)
        {
            if (p is null || p.Distribution is null) { errors.Add("a parameter or its distribution is null"); continue; }
            if (NameRules.Problem(p.Name) is { } problem) errors.Add($"parameter name '{p.Name}' {problem}");
            else if (NameRules.IsReservedColumn(p.Name!)) errors.Add($"parameter name '{p.Name}' is reserved for a column of the posterior file");
            if (!seen.Add(p.Name ?? "")) errors.Add($"parameter name '{p.Name}' appears twice");
        }
        if (errors.Count > 0) throw new ArgumentException("Invalid prior: " + string.Join("; ", errors) + ".", nameof(parameters));
        Names = [.. Parameters.Select(p => p.Name)];
        _scales = [.. Parameters.Select(p => new ParameterScale(p.Distribution.Lower, p.Distribution.Upper))];
    }

    /// <summary>A prior over the given parameters, in order.</summary>
    public Prior(params PriorParameter[] parameters) : this((IEnumerable<PriorParameter>)parameters) { }

    /// <summary>The parameters in order; a parameter vector θ lists their values in this order.</summary>
    public ImmutableArray<PriorParameter> Parameters { get; }

    /// <summary>The parameters' names in order.</summary>
    public ImmutableArray<string> Names { get; }

    /// <summary>How many parameters.</summary>
    public int Count => Parameters.Length;

    /// <summary>Log prior density of θ (the sum over the independent parameters); -∞ if any lies outside its support.</summary>
    public double LogDensity(ReadOnlySpan<double> theta)
    {
        CheckLength(theta.Length, nameof(theta));
        double sum = 0;
        for (int i = 0; i < Parameters.Length; i++) sum += Parameters[i].Distribution.LogDensity(theta[i]);
        return sum;
    }

    /// <summary>Draws θ from the prior into <paramref name="theta"/>, every value strictly inside its support.</summary>
    public void Sample(System.Random random, Span<double> theta)
    {
        CheckLength(theta.Length, nameof(theta));
        for (int i = 0; i < Parameters.Length; i++) theta[i] = Parameters[i].Distribution.Sample(random);
    }

    /// <summary>The unbounded coordinates z of θ (logit, log or identity per parameter; see <see cref="PriorDistribution"/>).</summary>
    public void ToUnbounded(ReadOnlySpan<double> theta, Span<double> z)
    {
        CheckLength(theta.Length, nameof(theta));
        CheckLength(z.Length, nameof(z));
        for (int i = 0; i < _scales.Length; i++) z[i] = _scales[i].ToUnbounded(theta[i]);
    }

    /// <summary>
    /// θ from its unbounded coordinates <paramref name="z"/>. Returns false when a value rounds onto a bound of its
    /// support (|z| beyond about 37 on a logit scale), where the prior density is zero: the sampler rejects such proposals.
    /// </summary>
    public bool TryFromUnbounded(ReadOnlySpan<double> z, Span<double> theta)
    {
        CheckLength(theta.Length, nameof(theta));
        CheckLength(z.Length, nameof(z));
        bool inside = true;
        for (int i = 0; i < _scales.Length; i++)
        {
            theta[i] = _scales[i].FromUnbounded(z[i]);
            inside &= Parameters[i].Distribution.Contains(theta[i]);
        }
        return inside;
    }

    /// <summary>
    /// Log prior density on the unbounded scale: ln π(θ(z)) + Σ ln |dθᵢ/dzᵢ|. The sampler proposes on z, so this, not
    /// <see cref="LogDensity"/>, is the numerator of the importance weight; leaving out the Jacobian would tilt the
    /// posterior towards the middle of every bounded range.
    /// </summary>
    /// <param name="z">The unbounded coordinates.</param>
    /// <param name="theta">θ(z), as <see cref="TryFromUnbounded"/> gave it.</param>
    public double LogDensityUnbounded(ReadOnlySpan<double> z, ReadOnlySpan<double> theta) => LogDensity(theta) + LogJacobian(z);

    /// <summary>Σ ln |dθᵢ/dzᵢ| at <paramref name="z"/>.</summary>
    public double LogJacobian(ReadOnlySpan<double> z)
    {
        CheckLength(z.Length, nameof(z));
        double sum = 0;
        for (int i = 0; i < _scales.Length; i++) sum += _scales[i].LogJacobian(z[i]);
        return sum;
    }

    /// <summary>The index of the parameter named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">No parameter has that name.</exception>
    public int IndexOf(string name)
    {
        int i = Names.IndexOf(name);
        return i >= 0 ? i : throw new ArgumentException($"No parameter is named '{name}'; the prior has {string.Join(", ", Names)}.", nameof(name));
    }

    private void CheckLength(int length, string name)
    {
        if (length != Parameters.Length) throw new ArgumentException($"{name} has {length} values; the prior has {Parameters.Length} parameters.", name);
    }
}
