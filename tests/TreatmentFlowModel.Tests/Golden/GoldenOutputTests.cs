// Golden outputs: fixed-seed runs whose output bytes are hashed and compared with golden-hashes.txt beside this file.
// A change meant to alter results regenerates them with `UPDATE_GOLDEN=1 dotnet test TreatmentFlowModel.sln --filter GoldenOutputTests`
// (it rewrites golden-hashes.txt; commit it with the change and say why the results moved). A change that is not
// meant to alter results must leave this test green. (Not a TFM_ variable: those are scenario overrides.)
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Golden;

/// <summary>
/// Pins the results: a few small fixed-seed runs (stochastic, deterministic, one with every policy lever and a
/// comparison) are written with <see cref="ResultWriter"/> and each output file's SHA-256 is compared with the committed
/// value; the library version is blanked first, so a version bump alone changes nothing.
/// </summary>
public sealed partial class GoldenOutputTests : IDisposable
{
    /// <summary>Set to 1 to rewrite golden-hashes.txt from this build's outputs instead of comparing.</summary>
    public const string UpdateVariable = "UPDATE_GOLDEN";

    private static readonly string HashFile = TestPaths.At("tests", "TreatmentFlowModel.Tests", "Golden", "golden-hashes.txt");
    private readonly string _root = Directory.CreateTempSubdirectory("tfm-golden-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>Three DATs from April 1998 to March 2006: the base year, the +55% year and the waiting-time years.</summary>
    private static Scenario Base(int replicates) => ScenarioLoader.LoadDefault() with
    {
        Name = "golden",
        Areas = ["Lambeth", "Bristol", "Manchester"],
        Start = new DateOnly(1998, 4, 1),
        End = new DateOnly(2006, 3, 31),
        Replicates = replicates,
        Seed = 20030401,
        WeeklyAreas = ["Lambeth"],
    };

    /// <summary>
    /// Every lever the engine reads: criminal-justice priority, presumption against bail in one area, a named BCU switched
    /// on early, dated parameter changes (capacity, treated mortality, arrests), area overrides drawn from distributions,
    /// and an override for an area that is not simulated (nothing is drawn for it: every parameter value has its own stream).
    /// </summary>
    private static Scenario Levers(int replicates)
    {
        var s = Base(replicates);
        return s with
        {
            Name = "golden-levers",
            Rollout = s.Rollout with { Explicit = [new BcuStart(s.Bcus.First(b => b.Dats.Contains("Manchester")).Name, new DateOnly(2002, 10, 7))] },
            Policy = s.Policy with { CjsPriority = true, PresumptionAgainstBail = new PresumptionAgainstBail(new DateOnly(2004, 4, 1), ["Lambeth"]) },
            ParameterChanges =
            [
                new ParameterChange(ParameterId.CapacityMultiplier, new DateOnly(2004, 1, 1), 1.25, ["Bristol"]),
                new ParameterChange(ParameterId.MortalityTreatedPerYear, new DateOnly(2003, 1, 6), 1.5, []),
                new ParameterChange(ParameterId.ArrestPerYear, new DateOnly(2001, 4, 1), 0.8, ["Lambeth", "Manchester"]),
            ],
            AreaOverrides =
            [
                new AreaOverride("Birmingham", [new(ParameterId.ArrestPerYear, Distribution.UniformOf(0.5, 2))]),
                new AreaOverride("Bristol", [new(ParameterId.AssessmentUptake, Distribution.BetaOf(3, 3)), new(ParameterId.CapacityMultiplier, Distribution.Fixed(0.7))]),
            ],
        };
    }

    /// <summary>Every golden run: case name → its output files (name → bytes, version blanked).</summary>
    private Dictionary<string, byte[]> Outputs()
    {
        var files = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        void Write(string name, EnsembleResult result)
        {
            string folder = Path.Combine(_root, name);
            ResultWriter.Write(result, folder);
            foreach (var file in ResultWriter.FilesOf(result)) files[$"{name}/{file}"] = WithoutVersion(File.ReadAllBytes(Path.Combine(folder, file)));
        }
        Write("stochastic", Simulation.Run(Base(6), new RunOptions { Threads = 2, Trajectories = 2 }));
        Write("deterministic", Simulation.Run(Base(6), new RunOptions { Deterministic = true }));
        Write("levers", Simulation.Run(Levers(4), new RunOptions { Threads = 2 }));
        Write("levers-deterministic", Simulation.Run(Levers(4), new RunOptions { Deterministic = true }));
        var compared = Comparison.Run([Base(4), Levers(4)], new RunOptions { Threads = 2 });
        files["compare/compare.csv"] = Encoding.UTF8.GetBytes(ComparisonReport.Csv(compared));
        files["compare/summary.txt"] = Encoding.UTF8.GetBytes(compared.ToString());
        return new Dictionary<string, byte[]>(files);
    }

    /// <summary>The library version (in summary.json and scenario.resolved.json's $run) replaced by a fixed word.</summary>
    private static byte[] WithoutVersion(byte[] bytes) =>
        Encoding.UTF8.GetBytes(VersionField().Replace(Encoding.UTF8.GetString(bytes), "$1\"(version)\""));

    [GeneratedRegex("(\"(?:library_version|LibraryVersion)\": )\"[^\"]*\"")]
    private static partial Regex VersionField();

    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public void FixedSeedRuns_WriteTheCommittedBytes()
    {
        var actual = Outputs().ToDictionary(kv => kv.Key, kv => Hash(kv.Value));
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllLines(HashFile, actual.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
            return;
        }
        var expected = File.ReadAllLines(HashFile).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToDictionary(p => p[0], p => p[1]);
        var changed = expected.Keys.Union(actual.Keys).Order(StringComparer.Ordinal)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .Select(k => $"{k}: expected {expected.GetValueOrDefault(k) ?? "(none)"}, got {actual.GetValueOrDefault(k) ?? "(none)"}").ToList();
        Assert.True(changed.Count == 0,
            $"{changed.Count} golden output(s) changed; if the change is meant to alter results, rerun with {UpdateVariable}=1 and say why in the commit:\n{string.Join("\n", changed)}");
    }

    [Fact]
    public void GoldenRuns_CoverTheTargetsAndEveryLever()
    {
        // The golden scenarios must exercise what they claim to pin: targets judged, and the levers changing the answer.
        var baseRun = Simulation.Run(Base(6), new RunOptions { Deterministic = true });
        var leversRun = Simulation.Run(Levers(4), new RunOptions { Deterministic = true });
        Assert.Contains(baseRun.Targets, t => t.Target.Name == "participation_55pct" && t.Area.IsTotal);
        Assert.Contains(baseRun.Targets, t => t.Target is MaxWaitTarget);
        var starts = baseRun.Annual("Bristol", Metric.TreatmentStarts);
        var leverStarts = leversRun.Annual("Bristol", Metric.TreatmentStarts);
        Assert.NotEqual(starts[^1].Mean, leverStarts[^1].Mean);
        Assert.True(leversRun.Annual("Lambeth", Metric.Prison)[^1].Mean > baseRun.Annual("Lambeth", Metric.Prison)[^1].Mean, "presumption against bail remands people in Lambeth");
    }

    [Fact]
    public void NationalReplicate_WeeklyValuesFingerprint_IsUnchanged()
    {
        // The benchmarks' fingerprint: every weekly value of national replicate 6 (149 DATs, 1998-2009), FNV-1a over the bits.
        var scenario = ScenarioLoader.LoadDefault();
        var simulator = new ReplicateSimulator<StochasticDraws>(FrozenModel.From(scenario));
        ulong hash = 14695981039346656037;
        simulator.Run(6, _ => { foreach (double x in simulator.Week) hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(x)) * 1099511628211; });
        Assert.Equal("8d889acbcec33f74", hash.ToString("x16"));
    }
}
