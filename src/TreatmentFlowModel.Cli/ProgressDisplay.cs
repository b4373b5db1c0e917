using Spectre.Console;
using Spectre.Console.Rendering;

namespace TreatmentFlowModel.Cli;

/// <summary>
/// The progress bar of long commands (run, compare): replicates done, percentage and a labelled estimate of the time
/// left ("about 40 s left"), given only once a few replicates have finished so the set-up does not skew it. Silent when
/// output is redirected or quiet.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> on the thread pool, showing its progress until it ends, and returns its result (or rethrows).</summary>
    /// <param name="label">What is running, e.g. "small-example: 500 replicates".</param>
    /// <param name="total">Replicates in all.</param>
    /// <param name="threads">Worker threads (the first estimate waits for this many replicates).</param>
    /// <param name="show">Whether to draw the bar (a terminal, not quiet, more than one replicate).</param>
    /// <param name="work">The run; it receives a callback to report replicates done.</param>
    public static T Run<T>(string label, int total, int threads, bool show, Func<IProgress<int>, T> work)
    {
        int done = 0;
        var task = Task.Run(() => work(new InlineProgress<int>(x => Volatile.Write(ref done, x))));
        if (show && !Console.IsOutputRedirected && !Console.IsErrorRedirected && total > 1)
            AnsiConsole.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new TimeLeftColumn(Math.Max(2, threads)), new SpinnerColumn())
                .Start(ctx =>
                {
                    var bar = ctx.AddTask(label, maxValue: total);
                    while (!task.IsCompleted)
                    {
                        bar.Value = Volatile.Read(ref done);
                        task.Wait(200);
                    }
                    bar.Value = Volatile.Read(ref done);
                });
        return task.GetAwaiter().GetResult();
    }

    /// <summary>The estimated time left, in words, once <paramref name="after"/> replicates have finished.</summary>
    internal static string TimeLeft(double done, double total, TimeSpan elapsed, int after)
    {
        if (done >= total) return "done";
        if (done < after || elapsed <= TimeSpan.Zero) return "estimating time left";
        double seconds = elapsed.TotalSeconds / done * (total - done);
        return seconds < 90 ? $"about {Math.Max(1, Math.Round(seconds)):0} s left"
            : seconds < 5400 ? $"about {Math.Round(seconds / 60):0} min left"
            : $"about {seconds / 3600:0.0} h left";
    }

    /// <summary>A column with <see cref="TimeLeft"/>.</summary>
    private sealed class TimeLeftColumn(int after) : ProgressColumn
    {
        public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
            new Text(TimeLeft(task.Value, task.MaxValue, task.ElapsedTime ?? TimeSpan.Zero, after), new Style(Color.Grey));
    }
}
