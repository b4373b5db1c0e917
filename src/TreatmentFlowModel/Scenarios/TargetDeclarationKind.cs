namespace TreatmentFlowModel.Scenarios;

/// <summary>How a target declared in a scenario file (<c>Targets</c>) is judged in each replicate and area.</summary>
public enum TargetDeclarationKind
{
    /// <summary>
    /// The measure in the target year reaches <see cref="TargetDeclaration.Value"/> times its base-year value (1.55 for +55%);
    /// a factor below 1 is a fall to at most that multiple (0.8 for "down 20%").
    /// </summary>
    GrowthOverBase,

    /// <summary>The measure in the year is at least <see cref="TargetDeclaration.Value"/> (a level, a count of orders, a share).</summary>
    AtLeast,

    /// <summary>The measure in the year is at most <see cref="TargetDeclaration.Value"/> (a mean or 95th-percentile wait; met when nobody was admitted).</summary>
    AtMost,

    /// <summary>The measure in the year is higher than in the year before (the share retained 12 weeks or completing).</summary>
    RiseOnYearBefore,
}
