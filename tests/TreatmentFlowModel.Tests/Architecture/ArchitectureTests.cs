namespace TreatmentFlowModel.Tests.Architecture;

/// <summary>
/// The pipeline stays one way: scenario -> frozen model -> engine -> recording and summaries -> targets -> runs and
/// results -> outputs. Each part of the code (a folder of src/TreatmentFlowModel, or the Reporting, Cluster and Cli projects)
/// may use only the parts the table below allows; adding a use outside it, or a new folder not in it, fails here.
/// </summary>
public class ArchitectureTests
{
    /// <summary>What each part may use (every part may use the root namespace; a subfolder belongs to its top folder's part). Keep it one way: the test checks it has no cycle.</summary>
    internal static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Model"] = [],
        ["Random"] = [],
        ["Data"] = ["Model"],
        ["Scenarios"] = ["Model", "Data"],
        ["Setup"] = ["Model", "Data", "Scenarios"],
        ["Engine"] = ["Model", "Random", "Setup"],
        ["Recording"] = ["Model", "Setup", "Engine"],
        ["Targets"] = ["Model", "Scenarios", "Setup", "Recording"], // Scenarios: the targets a scenario declares (issue 16)
        // Ensemble -> Data: the runner reads its checkpoint and run files by the input-file rules (regular files only, never blocking).
        ["Ensemble"] = ["Model", "Data", "Scenarios", "Setup", "Engine", "Recording", "Targets"],
        // Tracking (issue 16): observed figures checked against the run's areas and periods, then set beside its forecast.
        ["Tracking"] = ["Model", "Data", "Scenarios", "Setup", "Recording", "Ensemble"],
        ["Output"] = ["Model", "Scenarios", "Recording", "Targets", "Ensemble", "Tracking"],
        // Calibration -> Data: a posterior file is read by the input-file rules (regular files only, never blocking).
        ["Calibration"] = ["Model", "Random", "Data", "Scenarios", "Recording", "Targets", "Ensemble", "Output"],
        ["Reporting"] = ["Model", "Scenarios", "Recording", "Targets", "Ensemble", "Output", "Tracking"],
        ["Cluster"] = ["Scenarios", "Ensemble"],
        ["Explorer"] = ["Model", "Scenarios", "Recording", "Targets", "Ensemble", "Output", "Reporting"],
        ["Cli"] = ["Model", "Scenarios", "Recording", "Targets", "Ensemble", "Output", "Calibration", "Reporting", "Cluster", "Explorer", "Tracking"],
        [DependencyRules.Root] = [],
    };

    private static IReadOnlyList<(string Path, string Text)> Sources() =>
        [.. Directory.EnumerateFiles(TestPaths.At("src"), "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(TestPaths.RepositoryRoot, f).Replace('\\', '/'))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            .Select(f => (f, File.ReadAllText(TestPaths.At(f))))];

    [Fact]
    public void EveryUseOfOnePartByAnother_IsInTheTableOfAllowedDependencies()
    {
        var edges = DependencyRules.Edges(Sources());
        Assert.NotEmpty(edges);
        var violations = DependencyRules.Violations(edges, Allowed);
        Assert.True(violations.Count == 0, "uses outside the table:\n" + string.Join("\n", violations.Select(v => $"{v.From} -> {v.To} ({v.File})")));
    }

    [Fact]
    public void TheTableOfAllowedDependencies_IsOneWay()
    {
        Assert.Null(DependencyRules.Cycle(Allowed));
    }

    [Fact]
    public void EveryPart_IsInTheTable_AndEveryFileDeclaresTheNamespaceOfItsFolder()
    {
        foreach (var (path, text) in Sources())
        {
            var part = DependencyRules.PartOf(path)!;
            Assert.True(Allowed.ContainsKey(part), $"{path}: the part '{part}' is not in the table of allowed dependencies");
            var declared = System.Text.RegularExpressions.Regex.Match(text, @"^namespace\s+([\w.]+)\s*;", System.Text.RegularExpressions.RegexOptions.Multiline);
            if (!declared.Success) continue; // top-level statements
            string expected = part == DependencyRules.Root ? "TreatmentFlowModel" : $"TreatmentFlowModel.{part}";
            const string library = "src/TreatmentFlowModel/";
            if (path.StartsWith(library, StringComparison.Ordinal) && Path.GetDirectoryName(path[library.Length..]) is { Length: > 0 } folder)
                expected = "TreatmentFlowModel." + folder.Replace('/', '.'); // a subfolder is a sub-namespace of its part
            Assert.True(declared.Groups[1].Value == expected, $"{path} declares namespace {declared.Groups[1].Value}, its folder says {expected}");
        }
    }

    [Fact]
    public void TheEngine_NeverNamesTheScenario()
    {
        var engine = Sources().Where(f => DependencyRules.PartOf(f.Path) == "Engine").ToList();
        Assert.NotEmpty(engine);
        Assert.All(engine, f => Assert.DoesNotContain("Scenario", f.Text, StringComparison.Ordinal));
    }

    [Fact]
    public void TheChecker_CatchesABackwardUse_ByUsingLine_ByFullName_AndByRelativeName()
    {
        (string, string)[] files =
        [
            ("src/TreatmentFlowModel/Scenarios/Scenario.cs", "namespace TreatmentFlowModel.Scenarios;\npublic sealed record Scenario;\n"),
            ("src/TreatmentFlowModel/Output/Writer.cs", "namespace TreatmentFlowModel.Output;\npublic static class Writer { public const string Version = \"1\"; }\n"),
            ("src/TreatmentFlowModel/Engine/A.cs", "using TreatmentFlowModel.Scenarios;\nnamespace TreatmentFlowModel.Engine;\nclass A { }\n"),
            ("src/TreatmentFlowModel/Engine/B.cs", "namespace TreatmentFlowModel.Engine;\nclass B { TreatmentFlowModel.Scenarios.Scenario? s; }\n"),
            ("src/TreatmentFlowModel/Scenarios/C.cs", "namespace TreatmentFlowModel.Scenarios;\nclass C { string v = Output.Writer.Version; }\n"),
            // Comments and strings are not uses.
            ("src/TreatmentFlowModel/Data/D.cs", "namespace TreatmentFlowModel.Data;\n// see TreatmentFlowModel.Engine.X\nclass D { string s = \"TreatmentFlowModel.Output.Writer\"; }\n"),
        ];
        var violations = DependencyRules.Violations(DependencyRules.Edges(files), Allowed).Select(v => $"{v.From} -> {v.To} ({v.File})").ToList();
        Assert.Equal(
        [
            "Engine -> Scenarios (src/TreatmentFlowModel/Engine/A.cs)",
            "Engine -> Scenarios (src/TreatmentFlowModel/Engine/B.cs)",
            "Scenarios -> Output (src/TreatmentFlowModel/Scenarios/C.cs)",
        ], violations);
    }

    [Fact]
    public void TheChecker_CatchesACycleInTheTable()
    {
        var withCycle = new Dictionary<string, string[]>(Allowed) { ["Model"] = ["Output"] };
        Assert.Equal("Model -> Output -> Model", DependencyRules.Cycle(withCycle));
    }
}
