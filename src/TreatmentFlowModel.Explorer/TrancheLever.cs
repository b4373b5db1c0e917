namespace TreatmentFlowModel.Explorer;

/// <summary>One tranche of the drug-testing rollout as the analyst edits it: BCUs ranked <see cref="FirstRank"/> to <see cref="LastRank"/> test from <see cref="Start"/>.</summary>
public sealed class TrancheLever
{
    /// <summary>Label, e.g. <c>top30</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>First BCU rank (1 = most acquisitive crime).</summary>
    public int FirstRank { get; set; } = 1;

    /// <summary>Last BCU rank, inclusive.</summary>
    public int LastRank { get; set; } = 1;

    /// <summary>The date testing starts.</summary>
    public DateOnly Start { get; set; }
}
