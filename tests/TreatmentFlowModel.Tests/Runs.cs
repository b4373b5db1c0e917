using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;
using static TreatmentFlowModel.Tests.Runs;

namespace TreatmentFlowModel.Tests;

/// <summary>Running a scenario and finding weeks in its result, as the engine tests do (import with <c>using static</c>).</summary>
internal static class Runs
{
    /// <summary>The deterministic run of <paramref name="s"/>: every draw replaced by its mean, so values can be checked by hand.</summary>
    public static EnsembleResult Deterministic(Scenario s) => Simulation.Run(s, new RunOptions { Deterministic = true });

    /// <summary>The first reported week of <paramref name="r"/> that starts on or after <paramref name="date"/>.</summary>
    public static int WeekOf(EnsembleResult r, DateOnly date) => Enumerable.Range(0, r.Calendar.Weeks).First(w => r.Calendar.WeekStart(w) >= date);
}
