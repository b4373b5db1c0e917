using System.Globalization;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// A key parameter as the analyst sees it: its prior (the scenario's value or distribution) with its source, and the
/// value it is fixed at, if any. Leaving <see cref="FixedAt"/> empty keeps the prior, so the runs carry its uncertainty.
/// </summary>
public sealed class ParameterLever
{
    /// <summary>The lever for parameter <paramref name="id"/> with the scenario's value <paramref name="prior"/>.</summary>
    public ParameterLever(ParameterId id, Distribution prior)
    {
        Id = id;
        Prior = prior;
        FixedAt = prior.Kind == DistributionKind.Fixed ? prior.A : null;
    }

    /// <summary>The parameter.</summary>
    public ParameterId Id { get; }

    /// <summary>Its name, unit, range and meaning.</summary>
    public ParameterInfo Info => ParameterCatalog.Scalars[(int)Id];

    /// <summary>The scenario's value or distribution before the analyst touched it.</summary>
    public Distribution Prior { get; }

    /// <summary>Where the default value comes from (the comment beside it in the default scenario); null when none is cited.</summary>
    public string? Source => ParameterSources.Of(Id);

    /// <summary>Whether the default value is an assumption rather than evidence.</summary>
    public bool IsAssumption => ParameterSources.IsAssumption(Id);

    /// <summary>The value the parameter is fixed at; null keeps <see cref="Prior"/>.</summary>
    public double? FixedAt { get; set; }

    /// <summary>What a run uses: <see cref="FixedAt"/> as a fixed value, or the prior.</summary>
    public Distribution Current => FixedAt is { } value ? Distribution.Fixed(value) : Prior;

    /// <summary>The prior in words, e.g. "Beta(Alpha 5, Beta 10), mean 0.333" or "1 (fixed)".</summary>
    public string PriorText => Prior.Kind == DistributionKind.Fixed
        ? $"{Prior.A.ToString("0.####", CultureInfo.InvariantCulture)} (fixed)"
        : $"{Prior.Kind}({string.Join(", ", Prior.Parameters.Select(p => $"{p.Name} {p.Value.ToString("0.####", CultureInfo.InvariantCulture)}"))}), mean {Prior.Mean.ToString("0.####", CultureInfo.InvariantCulture)}";
}
