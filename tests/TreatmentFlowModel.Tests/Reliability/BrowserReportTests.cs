using System.Diagnostics;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Reliability;

public sealed class BrowserReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-browser-").FullName;

    private const string ChartProbe =
        "<script>addEventListener('load',function(){document.body.setAttribute('data-charts-loaded',Array.prototype.filter.call(document.images,function(i){return i.complete&&i.naturalWidth>0;}).length);});</script>\n";

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [ChromiumFact]
    public void ReportHtml_RendersInHeadlessChromium_WithEveryChartLoaded_AndNoConsoleErrors()
    {
        var result = Simulation.Run(TestScenarios.Small(4));
        HtmlReport.Write(result, _dir);
        // The test's own probe, not part of the shipped report: marks how many charts the browser could decode.
        string report = Path.Combine(_dir, "report.html");
        string html = File.ReadAllText(report);
        Assert.DoesNotContain("<script", html); // the shipped report runs no script
        File.WriteAllText(report, html.Replace("</body>", ChartProbe + "</body>", StringComparison.Ordinal));
        var info = new ProcessStartInfo(ChromiumFactAttribute.Browser!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=5000",
                     $"--user-data-dir={Path.Combine(_dir, "profile")}", "--dump-dom", new Uri(Path.Combine(_dir, "report.html")).AbsoluteUri })
            info.ArgumentList.Add(a);
        using var browser = Process.Start(info)!;
        var dom = browser.StandardOutput.ReadToEndAsync();
        var log = browser.StandardError.ReadToEndAsync();
        Assert.True(browser.WaitForExit(TimeSpan.FromSeconds(60)), "the browser did not finish within 60 s");
        Assert.Contains("data-charts-loaded=\"4\"", dom.Result);
        Assert.Contains("class=\"headline\"", dom.Result);
        Assert.DoesNotContain("CONSOLE", log.Result.Split('\n').Where(l => l.Contains(":ERROR:", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).Aggregate("", (a, b) => a + b));
    }
}
