// Compare drug testing in 30 and 60 police areas with common random numbers, and save the table as CSV.
//   dotnet run samples/compare-rollout.cs          (from a clone: #:project builds the library from src/)
// Outside the repository, use the packages instead: #:package TreatmentFlowModel@0.1.0 and
// #:package TreatmentFlowModel.Reporting@0.1.0 (with a nuget.config naming the folder dotnet pack wrote them to).
#:project ../src/TreatmentFlowModel/TreatmentFlowModel.csproj
#:project ../src/TreatmentFlowModel.Reporting/TreatmentFlowModel.Reporting.csproj
#:property PublishAot=false

using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;

var top30 = ScenarioLoader.LoadDefault() with { Name = "top30", Replicates = 20 };
var bcu60 = top30 with
{
    Name = "bcu60",
    Rollout = top30.Rollout with { Tranches = [.. top30.Rollout.Tranches, new RolloutTranche("next30", 31, 60, new DateOnly(2004, 4, 5))] },
};
var comparison = Comparison.Run([top30, bcu60]);
Console.WriteLine(comparison);
var starts = comparison.Difference(1, Metric.TreatmentStartsCjs);
Console.WriteLine($"Extra criminal-justice starts in 2005/06 with 60 BCUs: {starts[7].Mean:N0} (5-95%: {starts[7].P05:N0} to {starts[7].P95:N0})");
Directory.CreateDirectory("out");
File.WriteAllText(Path.Combine("out", "compare-rollout.csv"), ComparisonReport.Csv(comparison));
Console.WriteLine("Wrote out/compare-rollout.csv");
