namespace TreatmentFlowModel.Model;

/// <summary>
/// An area of the results: the run's total (<see cref="IsTotal"/>, labelled by what the run covers: <see cref="England"/>
/// only for all 149 DATs, otherwise the one DAT's or region's name or "3 DATs"), a government office region
/// (<see cref="IsRegion"/>, when the run holds every DAT of it) or a Drug Action Team by name. Names compare without
/// regard to case, as everywhere in scenarios; a string converts implicitly to a DAT, so
/// <c>result.Annual("Bristol", ...)</c> reads as it did.
/// </summary>
public readonly struct AreaId : IEquatable<AreaId>
{
    private readonly string? _name;
    private readonly AreaLevel _level;

    /// <summary>The area called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public AreaId(string name) : this(name, AreaLevel.Dat)
    {
    }

    private AreaId(string name, AreaLevel level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _name = name;
        _level = level;
    }

    /// <summary>
    /// The national total: every one of the 149 DATs. As a key of a result's lookups any total stands for the run's own
    /// total, whatever it covers, so <c>result.Annual(AreaId.England, ...)</c> reads the total of a run of three DATs too
    /// (labelled "3 DATs" in its outputs).
    /// </summary>
    public static AreaId England { get; } = new("England", AreaLevel.Total);

    /// <summary>The total of a run, labelled <paramref name="label"/> (what the run covers).</summary>
    /// <exception cref="ArgumentException">The label is empty.</exception>
    public static AreaId Total(string label) => new(label, AreaLevel.Total);

    /// <summary>The government office region called <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    public static AreaId Region(string name) => new(name, AreaLevel.Region);

    /// <summary>The area's name or label as written in the outputs.</summary>
    public string Name => _name ?? "";

    /// <summary>Whether this is a run's total (England, or the label of a run of some areas).</summary>
    public bool IsTotal => _level == AreaLevel.Total;

    /// <summary>Whether this is a government office region (the sum of its DATs).</summary>
    public bool IsRegion => _level == AreaLevel.Region;

    /// <summary>Whether this is a single Drug Action Team.</summary>
    public bool IsDat => _level == AreaLevel.Dat;

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

    private enum AreaLevel
    {
        Dat,
        Total,
        Region,
    }
}
