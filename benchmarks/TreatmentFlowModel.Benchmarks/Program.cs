using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using TreatmentFlowModel.Benchmarks;

if (Probes.Run(args)) return;

var config = DefaultConfig.Instance
    .AddColumn(new ThroughputColumn("rep-area-weeks/s/core", draws: false), new ThroughputColumn("draws/s/core", draws: true))
    // Ratios as "20.47x faster" rather than a rounded "0.05": the baseline comparison's figure of merit.
    .WithSummaryStyle(SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend))
    .WithOptions(ConfigOptions.JoinSummary);
BenchmarkSwitcher.FromAssembly(typeof(EngineBenchmarks).Assembly).Run(args, config);
