using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The explorer: pick or upload a scenario, move the levers and see the deterministic preview at once, run the
/// stochastic ensemble with progress and cancel, read the targets, fan charts and gaps, compare with a baseline on
/// common random numbers, download the files.
/// </summary>
public sealed partial class ExplorerPage : IDisposable
{
    /// <summary>How long the levers must rest before the preview runs, so typing a number runs it once.</summary>
    private static readonly TimeSpan PreviewDelay = TimeSpan.FromMilliseconds(300);

    [Inject] private ScenarioLibrary Library { get; set; } = default!;

    [Inject] private ExplorerOptions Options { get; set; } = default!;

    [Inject] private DownloadStore Downloads { get; set; } = default!;

    private string _chosen = ScenarioLibrary.DefaultKey;
    private string? _uploadedName;
    private Scenario? _uploaded;
    private Scenario? _scenario;          // as loaded
    private Levers? _levers;
    private Scenario? _current;           // the loaded scenario with the levers applied, when valid
    private IReadOnlyList<string> _loadProblems = [];
    private IReadOnlyList<string> _leverProblems = [];

    private EnsembleResult? _preview;
    private bool _previewing;
    private CancellationTokenSource? _previewCancel;

    private EnsembleResult? _run;
    private GapTableView? _gaps;
    private string? _downloadToken;
    private bool _stale;
    private bool _running;
    private int _done, _total;
    private readonly Stopwatch _clock = new();
    private CancellationTokenSource? _runCancel;
    private string _status = "";

    private Scenario? _baseline;
    private string _baselineSetAt = "";
    private ComparisonResult? _comparison;

    private AreaId _area = AreaId.England;

    private bool CanRun => _current is not null && !_running;

    private bool CanCompare => _current is not null && _baseline is not null && !_running;

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        _chosen = Library.InitialKey;
        Show(Library.Load(_chosen));
    }

    private void Pick(string key)
    {
        _chosen = key;
        Show(key == Components.ScenarioPanel.UploadKey && _uploaded is not null ? ScenarioLoad.Of(_uploaded) : Library.Load(key));
    }

    private void Upload((string Name, byte[] Content) file)
    {
        var load = UploadedScenario.Load(file.Name, file.Content);
        if (load.Scenario is { } scenario)
        {
            _uploaded = scenario;
            _uploadedName = UploadedScenario.SafeName(file.Name);
            _chosen = Components.ScenarioPanel.UploadKey;
        }
        Show(load);
    }

    /// <summary>Shows a loaded scenario with its levers (or the problems that stopped it, keeping what was shown).</summary>
    private void Show(ScenarioLoad load)
    {
        _loadProblems = load.Problems;
        if (load.Scenario is not { } scenario) return;
        _scenario = scenario;
        _levers = Levers.From(scenario);
        _run = null;
        _gaps = null;
        _comparison = null;
        _stale = false;
        _status = "";
        _area = AreaId.England;
        LeversChanged();
    }

    /// <summary>Applies the levers, checks them with the scenario's own validation, and previews them.</summary>
    private void LeversChanged()
    {
        if (_scenario is null || _levers is null) return;
        var candidate = _levers.ApplyTo(_scenario);
        var problems = candidate.Validate().Select(e => e.ToString()).ToList();
        if (candidate.Replicates > Options.MaxReplicates)
            problems.Add($"Replicates = '{candidate.Replicates}': the explorer runs at most {Options.MaxReplicates:N0} replicates; use 'tfm run' for more");
        _leverProblems = problems;
        _current = problems.Count == 0 ? candidate : null;
        if (_run is not null) _stale = true;
        if (_current is not null) _ = PreviewAsync(_current);
    }

    private async Task PreviewAsync(Scenario scenario)
    {
        _previewCancel?.Cancel();
        var cancel = _previewCancel = new CancellationTokenSource();
        _previewing = true;
        try
        {
            await Task.Delay(PreviewDelay, cancel.Token);
            var options = new RunOptions { Deterministic = true, Threads = 1, CancellationToken = cancel.Token };
            var preview = await Task.Run(() => Simulation.Run(scenario, options), cancel.Token);
            if (cancel.IsCancellationRequested) return;
            _preview = preview;
            _previewing = false;
            await InvokeAsync(StateHasChanged);
        }
        catch (OperationCanceledException)
        {
            // A newer change took over.
        }
        catch (Exception e) when (e is ScenarioException or RunOptionsException)
        {
            _previewing = false;
            _status = $"The preview failed: {e.Message}";
            await InvokeAsync(StateHasChanged);
        }
    }

    private async Task Run()
    {
        if (_current is not { } scenario) return;
        try
        {
            var result = await WithProgress(scenario.Replicates, options => Simulation.Run(scenario, options));
            if (_downloadToken is not null) Downloads.Remove(_downloadToken);
            _run = result;
            _gaps = new GapTableView(result);
            _downloadToken = Downloads.Add(result);
            _stale = false;
            if (!result.Areas.Contains(_area)) _area = AreaId.England;
            _status = $"Finished {result.Replicates:N0} replicates in {result.Elapsed.TotalSeconds:0.0} s.";
        }
        catch (OperationCanceledException)
        {
            _status = $"Cancelled after {Volatile.Read(ref _done):N0} of {_total:N0} replicates; the results shown are from before.";
        }
        catch (Exception e) when (e is ScenarioException or RunOptionsException)
        {
            _status = e.Message;
        }
    }

    /// <summary>Runs <paramref name="work"/> on the pool with progress and cancel, redrawing the progress bar four times a second.</summary>
    private async Task<T> WithProgress<T>(int total, Func<RunOptions, T> work)
    {
        _running = true;
        _done = 0;
        _total = total;
        _status = "";
        _runCancel = new CancellationTokenSource();
        var options = new RunOptions
        {
            Threads = Options.Threads,
            CancellationToken = _runCancel.Token,
            Progress = new InlineProgress(n => Volatile.Write(ref _done, n)),
        };
        _clock.Restart();
        var task = Task.Run(() => work(options));
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(250));
            StateHasChanged();
        }
        _running = false;
        return await task;
    }

    private void Cancel() => _runCancel?.Cancel();

    private void SetBaseline()
    {
        if (_current is null) return;
        _baseline = _current with { Name = $"{_current.Name} (baseline)" };
        _baselineSetAt = DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        _comparison = null;
    }

    private async Task Compare()
    {
        if (_current is not { } now || _baseline is not { } then) return;
        var baseline = then with { Replicates = now.Replicates, Seed = now.Seed };
        try
        {
            _comparison = await WithProgress(now.Replicates, options => Comparison.Run([baseline, now], options));
            _status = $"Compared {_comparison.Replicates:N0} paired replicates in {_clock.Elapsed.TotalSeconds:0.0} s.";
        }
        catch (OperationCanceledException)
        {
            _status = $"Comparison cancelled after {Volatile.Read(ref _done):N0} of {_total:N0} replicates.";
        }
        catch (IncomparableScenariosException e)
        {
            _status = e.Message;
        }
    }

    private string ProgressText
    {
        get
        {
            int done = Volatile.Read(ref _done);
            string text = $"{done:N0} of {_total:N0} replicates";
            // A time-left estimate only once a few replicates have finished: the first ones include the set-up.
            if (done >= Math.Max(2, Options.Threads) && done < _total)
            {
                double left = _clock.Elapsed.TotalSeconds / done * (_total - done);
                text += $", about {FormatDuration(left)} left";
            }
            return text;
        }
    }

    /// <summary>A duration in words: "40 s", "3 min".</summary>
    internal static string FormatDuration(double seconds) =>
        seconds < 90 ? $"{Math.Max(1, Math.Round(seconds)):0} s" : $"{Math.Round(seconds / 60):0} min";

    private void AreaPicked(ChangeEventArgs e) => _area = new AreaId(e.Value?.ToString() is { Length: > 0 } name ? name : AreaId.England.Name);

    private IReadOnlyList<ChartFigure> Figures()
    {
        // The preview belongs to the current levers; show it beside a stale run as the new expected path.
        var preview = _run is null || _stale ? _preview : null;
        var area = (_run ?? _preview)?.Areas.Contains(_area) == true ? _area : AreaId.England;
        return _chartsFor == (_run, preview, area) ? _charts : Cache(_run, preview, area);
    }

    private (EnsembleResult?, EnsembleResult?, AreaId) _chartsFor;
    private IReadOnlyList<ChartFigure> _charts = [];

    /// <summary>Builds the charts once per (run, preview, area), so re-rendering the page does not redraw them.</summary>
    private IReadOnlyList<ChartFigure> Cache(EnsembleResult? run, EnsembleResult? preview, AreaId area)
    {
        _chartsFor = (run, preview, area);
        _charts = ExplorerCharts.All(run, preview, area);
        return _charts;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _previewCancel?.Cancel();
        _runCancel?.Cancel();
        if (_downloadToken is not null) Downloads.Remove(_downloadToken);
    }

    /// <summary>An <see cref="IProgress{T}"/> that calls back on the reporting thread (no synchronisation context hop).</summary>
    private sealed class InlineProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
