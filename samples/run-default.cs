// Run the default scenario and print the probability of meeting each England target.
//   dotnet run samples/run-default.cs
#:package TreatmentFlowModel@0.1.0
#:property PublishAot=false

using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;

int replicates = args.Length > 0 ? int.Parse(args[0]) : 40;
var scenario = ScenarioLoader.LoadDefault() with { Replicates = replicates };
var result = Simulation.Run(scenario, new RunOptions { Progress = new Progress<int>(n => Console.Error.Write($"\r{n}/{replicates}")) });
Console.Error.WriteLine();
Console.WriteLine(result);
foreach (var t in result.Targets.Where(t => t.Area == EnsembleResult.England && !t.Target.StartsWith("max_wait", StringComparison.Ordinal)))
    Console.WriteLine($"{t.Target,-22} {t.Year}: p_met {t.PMet:P0}");
