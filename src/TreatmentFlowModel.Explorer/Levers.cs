using System.Collections.Immutable;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The levers that matter for the rollout question, read from a scenario and applied back to it: the testing rollout's
/// tranches and dates, capacity (multiplier and budget growth), criminal-justice priority and aftercare, the key
/// parameters with their priors, and the run's replicates and seed. Everything else stays as the scenario has it.
/// </summary>
public sealed class Levers
{
    /// <summary>
    /// The key parameters shown, by scenario-file name, in the order shown: capacity first, then the routes into
    /// treatment. Names the catalogue does not know are left out, so the list survives parameters being renamed.
    /// </summary>
    public static IReadOnlyList<string> KeyParameterNames { get; } =
    [
        "CapacityMultiplier", "BudgetGrowthAfter2005PerYear", "MainstreamGrowthPerYear",
        "AssessmentUptake", "ArrestReferralUptake", "ArrestPerYear", "AftercareReferral", "OtherReferralPerYear",
    ];

    private Levers(int totalBcus) => TotalBcus = totalBcus;

    /// <summary>BCUs ranked in England and Wales: the highest rank a tranche may reach.</summary>
    public int TotalBcus { get; }

    /// <summary>The rollout tranches, in order.</summary>
    public List<TrancheLever> Tranches { get; } = [];

    /// <summary>Criminal-justice referrals are admitted before others.</summary>
    public bool CjsPriority { get; set; }

    /// <summary>Prison aftercare referral runs where the criminal-justice programme runs.</summary>
    public bool Aftercare { get; set; }

    /// <summary>The key parameters.</summary>
    public List<ParameterLever> Parameters { get; } = [];

    /// <summary>Monte Carlo replicates of a run.</summary>
    public int Replicates { get; set; }

    /// <summary>The seed of every random stream.</summary>
    public ulong Seed { get; set; }

    /// <summary>The levers as <paramref name="scenario"/> sets them.</summary>
    public static Levers From(Scenario scenario)
    {
        var levers = new Levers(scenario.Rollout.TotalBcus)
        {
            CjsPriority = scenario.Policy.CjsPriority,
            Aftercare = scenario.Policy.Aftercare,
            Replicates = scenario.Replicates,
            Seed = scenario.Seed,
        };
        levers.Tranches.AddRange(scenario.Rollout.Tranches.Select(t => new TrancheLever { Name = t.Name, FirstRank = t.FirstRank, LastRank = t.LastRank, Start = t.Start }));
        foreach (var name in KeyParameterNames)
            if (ParameterCatalog.FindScalar(name) is { } id) levers.Parameters.Add(new ParameterLever(id, scenario[id]));
        return levers;
    }

    /// <summary>Adds a tranche after the last one: the next 30 ranks, a year after the last start (or <paramref name="first"/>), not after <paramref name="last"/>.</summary>
    /// <param name="first">The start of a first tranche: the scenario's first day.</param>
    /// <param name="last">The scenario's last day.</param>
    public void AddTranche(DateOnly first, DateOnly last)
    {
        var previous = Tranches.LastOrDefault();
        int firstRank = Math.Min(TotalBcus, (previous?.LastRank ?? 0) + 1);
        Tranches.Add(new TrancheLever
        {
            Name = $"tranche{Tranches.Count + 1}",
            FirstRank = firstRank,
            LastRank = Math.Min(TotalBcus, firstRank + 29),
            Start = previous is null ? first : previous.Start.AddYears(1) is var next && next > last ? last : next,
        });
    }

    /// <summary><paramref name="scenario"/> with these levers; check it with <see cref="Scenario.Validate"/>.</summary>
    public Scenario ApplyTo(Scenario scenario)
    {
        var parameters = scenario.Parameters.ToBuilder();
        foreach (var lever in Parameters) parameters[(int)lever.Id] = lever.Current;
        return scenario with
        {
            Rollout = scenario.Rollout with { Tranches = [.. Tranches.Select(t => new RolloutTranche(t.Name, t.FirstRank, t.LastRank, t.Start))] },
            Policy = scenario.Policy with { CjsPriority = CjsPriority, Aftercare = Aftercare },
            Parameters = parameters.ToImmutable(),
            Replicates = Replicates,
            Seed = Seed,
        };
    }
}
