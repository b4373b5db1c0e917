namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>Settings of <see cref="RecoveryStudy.Run"/>.</summary>
public sealed record RecoveryOptions
{
    /// <summary>
    /// The sampler's settings for every case. Its seed is the study's seed: case i runs with a seed derived from it and
    /// i, and its synthetic data get noise derived from it too, so the whole study is reproducible from this one number.
    /// <value>The default is the sampler's defaults with <see cref="DistanceScaling.PriorPredictiveMad"/>, since
    /// synthetic data carry no stated uncertainty unless <see cref="Uncertainties"/> gives one.</value>
    /// </summary>
    public AbcSmcOptions Sampler { get; init; } = new() { Scaling = DistanceScaling.PriorPredictiveMad };

    /// <summary>The central posterior interval checked for coverage. <value>The default is 0.90 (issue 15, item 7a).</value></summary>
    public double IntervalProbability { get; init; } = 0.90;

    /// <summary>Names of the simulator's summaries; null for summary_1, summary_2, …</summary>
    public IReadOnlyList<string>? SummaryNames { get; init; }

    /// <summary>Stated uncertainties to give the synthetic observations (needed with <see cref="DistanceScaling.StatedUncertainty"/>); null for none.</summary>
    public IReadOnlyList<double>? Uncertainties { get; init; }

    /// <summary>
    /// The simulator that makes the synthetic data; null for the one being calibrated. Give a different one to see
    /// what a misspecified model does to coverage.
    /// </summary>
    public AbcSimulator? DataSimulator { get; init; }
}
