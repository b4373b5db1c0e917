namespace TreatmentFlowModel.Targets;

/// <summary>
/// How a target is judged in each replicate. Each kind is one <see cref="Target"/> record with its own parameters;
/// scenario files declare them (<c>Targets</c>).
/// </summary>
public enum TargetKind
{
    /// <summary>The measure in the target year reaches a factor times its value in a base year (<see cref="GrowthTarget"/>).</summary>
    GrowthOverBaseYear,
    /// <summary>The measure rises on the year before (<see cref="RiseTarget"/>).</summary>
    RiseOnYearBefore,
    /// <summary>The 95th percentile of completed waits is at most a number of weeks (<see cref="MaxWaitTarget"/>).</summary>
    P95WaitAtMost,
    /// <summary>The measure reaches a level: people in treatment, orders, a share (<see cref="LevelTarget"/>).</summary>
    AtLeast,
    /// <summary>The measure stays at or under a level: a mean or 95th-percentile wait (<see cref="LevelTarget"/>; met when nobody was admitted).</summary>
    AtMost,
}
