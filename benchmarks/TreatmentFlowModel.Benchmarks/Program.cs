using System.Diagnostics;
using BenchmarkDotNet.Running;
using TreatmentFlowModel.Benchmarks;

if (args is ["--stopwatch", ..])
{
    // A quick look without BenchmarkDotNet's rigour: per-replicate times of the national model.
    var bench = new ReplicateBenchmarks();
    bench.Setup();
    bench.Stochastic();
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < 3; i++) bench.Stochastic();
    Console.WriteLine($"stochastic replicate: {clock.Elapsed.TotalMilliseconds / 3:0} ms");
    clock.Restart();
    for (int i = 0; i < 3; i++) bench.Deterministic();
    Console.WriteLine($"deterministic replicate: {clock.Elapsed.TotalMilliseconds / 3:0} ms");
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(ReplicateBenchmarks).Assembly).Run(args);
