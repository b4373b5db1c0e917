namespace TreatmentFlowModel.Ensemble;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: one of <see cref="Count"/> contiguous, near-equal ranges of a run's
/// replicates, which separate processes or machines run on their own and <see cref="ShardFile.Merge"/> puts back
/// together, bit-identical to the whole run in one process.
/// </summary>
/// <param name="Index">Which range, from 0.</param>
/// <param name="Count">How many ranges the run is split into.</param>
public readonly record struct Shard(int Index, int Count)
{
    /// <summary>Whether <see cref="Index"/> is in [0, <see cref="Count"/>) and <see cref="Count"/> at least 1.</summary>
    public bool IsValid => Count >= 1 && Index >= 0 && Index < Count;

    /// <summary>The shard's replicates among <paramref name="replicates"/>: [⌊i·R/N⌋, ⌊(i+1)·R/N⌋), so the shards cover every replicate once.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The shard is not valid, or <paramref name="replicates"/> is negative.</exception>
    public (int From, int To) Range(int replicates)
    {
        if (!IsValid) throw new ArgumentOutOfRangeException(nameof(Index), $"shard {this} does not exist: the index must be 0 to count - 1");
        ArgumentOutOfRangeException.ThrowIfNegative(replicates);
        return ((int)((long)Index * replicates / Count), (int)((long)(Index + 1) * replicates / Count));
    }

    /// <summary><c>i/N</c>, as the command line writes it.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
