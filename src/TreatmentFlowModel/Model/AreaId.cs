namespace TreatmentFlowModel.Model;

/// <summary>
/// An area of the results: <see cref="England"/> (the total over the simulated areas) or a Drug Action Team by name.
/// Names compare without regard to case, as everywhere in scenarios; a string converts implicitly, so
/// <c>result.Annual("Bristol", ...)</c> reads as it did.
/// </summary>
public readonly struct AreaId : IEquatable<AreaId>
{
    private readonly string? _name;

    /// <summary>The area called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public AreaId(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
    }

    /// <summary>The national total: every simulated area.</summary>
    public static AreaId England { get; } = new("England");

    /// <summary>The area's name as written in the scenario's data (<c>England</c> for the total).</summary>
    public string Name => _name ?? "";

    /// <summary>Whether this is the national total.</summary>
    public bool IsEngland => Equals(England);

    /// <summary>The area called <paramref name="name"/>.</summary>
    public static implicit operator AreaId(string name) => new(name);

    /// <summary>Whether two areas are the same (names compared without regard to case).</summary>
    public static bool operator ==(AreaId a, AreaId b) => a.Equals(b);

    /// <summary>Whether two areas differ.</summary>
    public static bool operator !=(AreaId a, AreaId b) => !a.Equals(b);

    /// <inheritdoc />
    public bool Equals(AreaId other) => string.Equals(Name, other.Name, StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is AreaId other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(Name);

    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
