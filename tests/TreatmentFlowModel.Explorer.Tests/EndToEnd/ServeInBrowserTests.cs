using System.Diagnostics;
using System.Text.Json.Nodes;
using TreatmentFlowModel.Tests;

namespace TreatmentFlowModel.Explorer.Tests.EndToEnd;

/// <summary>
/// The whole explorer as an analyst meets it: 'tfm serve' started as a process, driven in headless Chromium. Set
/// TFM_SCREENSHOTS to a folder to keep screenshots of each step.
/// </summary>
public sealed class ServeInBrowserTests : IAsyncLifetime
{
    private readonly string _folder = ExplorerTestScenarios.FolderWithTiny();
    private Process? _server;
    private Uri? _address;

    public async Task InitializeAsync()
    {
        if (ChromiumFactAttribute.Browser is null) return;
        string tfm = CliOutput("tfm.dll");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _folder };
        foreach (var a in new[] { tfm, "serve", "--port", "0", "--scenarios", _folder, "--threads", "2" }) info.ArgumentList.Add(a);
        _server = Process.Start(info)!;
        _ = _server.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string first = await _server.StandardOutput.ReadLineAsync(timeout.Token) ?? throw new InvalidOperationException("tfm serve exited without printing its address");
        Assert.StartsWith("TreatmentFlowModel explorer: http://127.0.0.1:", first);
        _address = new Uri(first["TreatmentFlowModel explorer: ".Length..]);
        _ = _server.StandardOutput.ReadToEndAsync();
    }

    public async Task DisposeAsync()
    {
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }
        _server?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [ChromiumFact]
    public async Task AnAnalyst_PicksAScenario_MovesALever_Runs_AndReadsTheChartsAndTheGapsTable()
    {
        await using var browser = await DevToolsBrowser.LaunchAsync(ChromiumFactAttribute.Browser!);
        await browser.NavigateAsync(_address!);
        await browser.WaitForAsync("window.Blazor && document.getElementById('scenario-choice')", "the explorer to load", TimeSpan.FromSeconds(60));
        await browser.WaitForAsync("document.querySelectorAll('#chart-participation .main-svg').length > 0", "the default scenario's preview chart", TimeSpan.FromSeconds(90));
        Assert.Contains("England by DAT", await Text(browser, ".description"));

        await Change(browser, "scenario-choice", "tiny.json");
        await browser.WaitForAsync("document.querySelector('.description')?.textContent.includes('Two DATs')", "the tiny scenario to load", TimeSpan.FromSeconds(30));
        await PreviewReady(browser);
        string before = await Text(browser, "#headline .headline");
        Assert.StartsWith("Preview (expected values): 2 DATs", before); // the tiny scenario's two DATs, never "England" (issue 16)

        await Change(browser, "lever-CapacityMultiplier", "3");
        await browser.WaitForAsync($"document.querySelector('#headline .headline')?.textContent !== {Js(before)}", "the preview to follow the lever", TimeSpan.FromSeconds(30));
        await PreviewReady(browser);
        await Screenshot(browser, "explorer-preview.png");

        await browser.EvaluateAsync("document.getElementById('run').click()");
        await browser.WaitForAsync("document.getElementById('run-status')?.textContent.startsWith('Finished 6 replicates')", "the run to finish", TimeSpan.FromSeconds(90));
        await browser.WaitForAsync("document.querySelectorAll('#chart-participation .scatterlayer .trace').length >= 6", "the fan chart to redraw", TimeSpan.FromSeconds(30));

        // Charts: four, each drawn by Plotly with its traces; the participation fan has its bands, median and target.
        // Plotly draws them one after another, so on a busy machine the last may come a while after the first.
        await browser.WaitForAsync("['chart-participation', 'chart-waiting', 'chart-places', 'chart-cjs-starts'].every(id => document.querySelectorAll('#' + id + ' .scatterlayer .trace').length >= 1)",
            "all four charts to be drawn", TimeSpan.FromSeconds(60));
        Assert.Equal(4, (await browser.EvaluateAsync("document.querySelectorAll('figure.chart .js-plotly-plot').length"))!.GetValue<int>());
        foreach (var id in new[] { "chart-participation", "chart-waiting", "chart-places", "chart-cjs-starts" })
            Assert.True((await browser.EvaluateAsync($"document.querySelectorAll('#{id} .scatterlayer .trace').length"))!.GetValue<int>() >= 1, id);
        string legend = await Text(browser, "#chart-participation .legend");
        Assert.Contains("median of the runs", legend);
        Assert.Contains("5-95% of runs", legend);
        Assert.Contains("target: +55% by 2004/05", legend);
        Assert.Contains("in the median run; met in", await Text(browser, "#headline .headline"));

        // The gaps table: grouped by region, sortable, filterable.
        var regions = await Strings(browser, "Array.from(document.querySelectorAll('tbody.region')).map(b => b.dataset.region)");
        Assert.Equal(["London", "North East"], regions.Order(StringComparer.Ordinal));
        Assert.True((await browser.EvaluateAsync("document.querySelectorAll('tr.gap-row').length"))!.GetValue<int>() > 0);
        await browser.EvaluateAsync("document.querySelector('#gaps-sort-Places button').click()");
        await browser.WaitForAsync("document.getElementById('gaps-sort-Places').getAttribute('aria-sort') === 'descending'", "the sort by places", TimeSpan.FromSeconds(10));
        var places = await Strings(browser, "Array.from(document.querySelector('tbody.region').querySelectorAll('tr.gap-row td:nth-child(4)')).map(td => td.textContent)");
        var numbers = places.Select(p => double.Parse(p.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(numbers.OrderDescending(), numbers);
        await browser.EvaluateAsync("(() => { const e = document.getElementById('gaps-filter'); e.value = 'Darlington'; e.dispatchEvent(new Event('input', { bubbles: true })); })()");
        await browser.WaitForAsync("Array.from(document.querySelectorAll('tr.gap-row td:first-child')).every(td => td.textContent === 'Darlington')", "the filter", TimeSpan.FromSeconds(10));
        await Screenshot(browser, "explorer-run.png");

        // Downloads: the scenario that reproduces the screen, and a workbook.
        string href = (await browser.EvaluateAsync("document.getElementById('download-scenario-json').getAttribute('href')"))!.GetValue<string>();
        using var http = new HttpClient { BaseAddress = _address };
        string scenario = await http.GetStringAsync(href);
        Assert.Contains("\"CapacityMultiplier\": 3", scenario);
        byte[] workbook = await http.GetByteArrayAsync(href.Replace("scenario.json", "results.xlsx", StringComparison.Ordinal));
        Assert.Equal("PK"u8.ToArray(), workbook[..2]);
        Assert.Empty(browser.Errors);
    }

    private static Task Change(DevToolsBrowser browser, string id, string value) =>
        browser.EvaluateAsync($"(() => {{ const e = document.getElementById({Js(id)}); e.value = {Js(value)}; e.dispatchEvent(new Event('change', {{ bubbles: true }})); }})()");

    private static Task PreviewReady(DevToolsBrowser browser) =>
        browser.WaitForAsync("document.getElementById('headline')?.dataset.preview === 'ready' && document.querySelector('#headline .headline')", "the preview", TimeSpan.FromSeconds(30));

    private static async Task<string> Text(DevToolsBrowser browser, string selector) =>
        (await browser.EvaluateAsync($"document.querySelector({Js(selector)})?.textContent ?? ''"))!.GetValue<string>();

    private static async Task<List<string>> Strings(DevToolsBrowser browser, string script) =>
        [.. (await browser.EvaluateAsync(script))!.AsArray().Select(n => n!.GetValue<string>())];

    private static string Js(string text) => JsonValue.Create(text)!.ToJsonString();

    private static Task Screenshot(DevToolsBrowser browser, string name) =>
        Environment.GetEnvironmentVariable("TFM_SCREENSHOTS") is { Length: > 0 } folder ? browser.ScreenshotAsync(Path.Combine(folder, name)) : Task.CompletedTask;

    /// <summary>A file of the command line's build output, in the configuration these tests were built in.</summary>
    private static string CliOutput(string file)
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string framework = testBin.Name, configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "TreatmentFlowModel.sln"))) root = root.Parent;
        string path = Path.Combine(root!.FullName, "src", "TreatmentFlowModel.Cli", "bin", configuration, framework, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"build the command line first: {path} is missing");
    }
}
