using Microsoft.Extensions.DependencyInjection;
using TreatmentFlowModel.Explorer;

namespace TreatmentFlowModel.Explorer.Tests.Components;

/// <summary>The whole page in bUnit (charts' script calls answered loosely): load, preview, run, problems.</summary>
public sealed class ExplorerPageTests : BunitContext
{
    private readonly string _folder = ExplorerTestScenarios.FolderWithTiny();

    public ExplorerPageTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The tiny scenario named as a file, as 'tfm serve tiny.json' would: shown first, so no national preview runs.
        var options = new ExplorerOptions { ScenarioFiles = [Path.Combine(_folder, "tiny.json")], Threads = 2 };
        Services.AddSingleton(options);
        Services.AddSingleton<ScenarioLibrary>();
        Services.AddSingleton<DownloadStore>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>Waits for the preview the last change started, so no render from it lands between finding an input and changing it.</summary>
    private static void PreviewDone(IRenderedComponent<ExplorerPage> cut) =>
        cut.WaitForAssertion(() => Assert.Equal("ready", cut.Find("#headline").GetAttribute("data-preview")), TimeSpan.FromSeconds(30));

    private static void PickTiny(IRenderedComponent<ExplorerPage> cut)
    {
        cut.Find("#scenario-choice").Change("tiny.json");
        cut.WaitForAssertion(() => Assert.Contains("Two DATs", cut.Find(".description").TextContent), TimeSpan.FromSeconds(30));
        PreviewDone(cut);
    }

    [Fact]
    public void PickingAScenario_ShowsItsPreview_ThenARunShowsTargetsGapsAndDownloads()
    {
        var cut = Render<ExplorerPage>();
        cut.Find("#scenario-choice").Change("tiny.json");
        cut.WaitForAssertion(() => Assert.StartsWith("Preview (expected values): 2 DATs", cut.Find("#headline .headline").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal(4, cut.FindAll("figure.chart").Count);

        cut.Find("#run").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Finished 6 replicates", cut.Find("#run-status").TextContent), TimeSpan.FromSeconds(60));
        Assert.Contains("in the median run; met in", cut.Find("#headline .headline").TextContent);
        Assert.NotEmpty(cut.FindAll("#targets tbody tr"));
        Assert.NotEmpty(cut.FindAll("tr.gap-row"));
        Assert.Equal(DownloadStore.Files.Count, cut.FindAll("#downloads a").Count);
    }

    [Fact]
    public void LeversThatCannotRun_ShowTheValidationMessage_AndDisableTheRun()
    {
        var cut = Render<ExplorerPage>();
        PickTiny(cut);
        cut.Find("#tranche-0-last").Change("999");
        // Events reach the page through its dispatcher, which a finishing preview may hold for a moment: wait for the effect.
        cut.WaitForAssertion(() => Assert.Contains("scenario: Rollout.Tranches.0.LastRank = '999': must be <= Rollout.TotalBcus (280)", cut.Find("#run-panel .problems").TextContent), TimeSpan.FromSeconds(10));
        Assert.True(cut.Find("#run").HasAttribute("disabled"));
    }

    [Fact]
    public void MovingALeverAfterARun_MarksTheRunAsStale_AndComparingGivesPairedDifferences()
    {
        var cut = Render<ExplorerPage>();
        PickTiny(cut);
        cut.Find("#replicates").Change("4");
        PreviewDone(cut);
        cut.Find("#set-baseline").Click();
        cut.Find("#run").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Finished 4", cut.Find("#run-status").TextContent), TimeSpan.FromSeconds(60));

        cut.Find("#lever-CapacityMultiplier").Change("2");
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("#stale-note")), TimeSpan.FromSeconds(10));
        PreviewDone(cut);
        cut.Find("#compare").Click();
        cut.WaitForAssertion(() => Assert.StartsWith("Compared 4 paired replicates", cut.Find("#run-status").TextContent), TimeSpan.FromSeconds(60));
        Assert.NotEmpty(cut.FindAll("#compare-participation tbody tr"));
    }
}
