namespace TreatmentFlowModel.Targets;

/// <summary>
/// How a target is judged in each replicate. Each kind is one <see cref="Target"/> record with its own parameters;
/// kinds to come (an absolute level, a mean wait, a share admitted within a number of weeks, counts) add a value here
/// and a record beside the others.
/// </summary>
public enum TargetKind
{
    /// <summary>The measure in the target year reaches a factor times its value in a base year (<see cref="GrowthTarget"/>).</summary>
    GrowthOverBaseYear,
    /// <summary>The measure rises on the year before (<see cref="RiseTarget"/>).</summary>
    RiseOnYearBefore,
    /// <summary>The 95th percentile of completed waits is at most a number of weeks (<see cref="MaxWaitTarget"/>).</summary>
    P95WaitAtMost,
}
