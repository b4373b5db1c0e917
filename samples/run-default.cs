// Run the default scenario and print the probability of meeting each England target.
//   dotnet run samples/run-default.cs              (from a clone: #:project builds the library from src/)
// Outside the repository, use the package instead: #:package TreatmentFlowModel@0.1.0 (with a nuget.config naming
// the folder dotnet pack wrote it to).
#:project ../src/TreatmentFlowModel/TreatmentFlowModel.csproj
#:property PublishAot=false

using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Targets;

int replicates = args.Length > 0 ? int.Parse(args[0]) : 40;
var scenario = ScenarioLoader.LoadDefault() with { Replicates = replicates };
var result = Simulation.Run(scenario, new RunOptions { Progress = new Progress<int>(n => Console.Error.Write($"\r{n}/{replicates}")) });
Console.Error.WriteLine();
Console.WriteLine(result);
foreach (var t in result.Targets.Where(t => t.Area.IsTotal && t.Target.Kind != TargetKind.P95WaitAtMost))
    Console.WriteLine($"{t.Target.Name,-22} {t.Year}: p_met {t.PMet:P0}");
