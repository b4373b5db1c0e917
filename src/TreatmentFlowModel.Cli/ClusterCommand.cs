using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using TreatmentFlowModel.Cluster;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm cluster silo</c>: hosts an Orleans silo that runs replicate batches for <c>tfm run --cluster</c>.</summary>
internal static class ClusterCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var clustering = new Option<string>("--clustering") { Description = "Where the membership lives: 'localhost' (development, one machine) or 'redis:HOST:PORT', optionally preceded by 'ID@'.", DefaultValueFactory = _ => "localhost" };
        var siloPort = new Option<int>("--silo-port") { Description = "Port for silo-to-silo traffic.", DefaultValueFactory = _ => 11111 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Port clients connect to.", DefaultValueFactory = _ => 30000 };
        var primaryPort = new Option<int>("--primary-port") { Description = "Development clustering: the silo port of the first silo, which keeps the membership.", DefaultValueFactory = _ => 11111 };
        var workers = new Option<int>("--workers", "-w") { Description = "Replicates run at once (worker threads).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var advertise = new Option<string?>("--advertise") { Description = "The IP address other silos and clients reach this silo at (default: 127.0.0.1 with localhost clustering, else the machine's first; on Kubernetes the pod IP)." };
        var listenAny = new Option<bool>("--listen-any") { Description = "Listen on every address of the machine, not only the advertised one (containers behind NAT)." };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Print one line per batch run (replicates, seconds, bytes sent)." };
        var probe = new Option<double?>("--probe-timeout") { Description = "Seconds a silo waits for another's probe answer before suspecting it (Orleans' default 5); shorter finds a lost silo sooner." };
        var silo = new Command("silo", "Host a silo that runs replicate batches for 'tfm run --cluster' until Ctrl+C or SIGTERM.")
        {
            clustering, siloPort, gatewayPort, primaryPort, workers, advertise, listenAny, probe, verbose,
        };
        silo.SetAction(p => Silo(p.GetValue(clustering)!, new SiloRequest(p.GetValue(siloPort), p.GetValue(gatewayPort), p.GetValue(primaryPort),
            p.GetValue(workers), p.GetValue(advertise), p.GetValue(listenAny), p.GetValue(probe), p.GetValue(verbose)), stdout, stderr));
        return new Command("cluster", "Run ensembles on an Orleans cluster: 'tfm cluster silo' on each machine, then 'tfm run --cluster CONNECTION'.") { silo };
    }

    private sealed record SiloRequest(int SiloPort, int GatewayPort, int PrimaryPort, int Workers, string? Advertise, bool ListenAny, double? ProbeSeconds, bool Verbose);

    private static int Silo(string clustering, SiloRequest request, TextWriter stdout, TextWriter stderr)
    {
        int Bad(string message)
        {
            stderr.WriteLine($"tfm: {message}");
            return ExitCodes.BadInput;
        }
        ClusterConnection connection;
        try { connection = ClusterConnection.Parse(clustering); }
        catch (FormatException e) { return Bad($"--clustering = {e.Message}"); }
        IPAddress? advertised = null;
        if (request.Advertise is { } text && !IPAddress.TryParse(text, out advertised))
            return Bad($"--advertise = '{text}': not an IP address (e.g. 10.0.0.7)");
        if (request.ProbeSeconds is <= 0 or > 600)
            return Bad($"--probe-timeout = '{request.ProbeSeconds?.ToString(CultureInfo.InvariantCulture)}': must be seconds above 0, at most 600");
        var settings = new SiloSettings
        {
            SiloPort = request.SiloPort,
            GatewayPort = request.GatewayPort,
            PrimarySiloPort = request.PrimaryPort,
            Workers = request.Workers,
            AdvertisedAddress = advertised,
            ListenOnAnyAddress = request.ListenAny,
            ProbeTimeout = request.ProbeSeconds is { } s ? TimeSpan.FromSeconds(s) : null,
            LogBatches = request.Verbose,
        };
        if (settings.Problems() is { Count: > 0 } problems)
            return Bad(string.Join("; ", problems.Select(OptionName)));

        using var stop = new CancellationTokenSource();
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var host = ClusterSilo.Build(connection, settings, stderr);
        // Batch lines go to standard error with Orleans' warnings; standard output says when the silo is ready and stopped.
        try
        {
            host.StartAsync(stop.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine("tfm: interrupted while the silo was starting");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"tfm: the silo could not join the cluster '{connection}': {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return ExitCodes.InternalError;
        }
        stdout.WriteLine($"tfm: silo ready in cluster '{connection.ClusterId}' ({connection}): {settings.Workers} workers, silo port {settings.SiloPort}, gateway port {settings.GatewayPort}. Ctrl+C or SIGTERM stops it.");
        stdout.Flush();
        stop.Token.WaitHandle.WaitOne();
        // A graceful stop: the silo leaves the membership at once, so clients hand its batches to others without waiting for probes.
        try { host.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30)).GetAwaiter().GetResult(); }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException) { stderr.WriteLine("tfm: the silo did not stop within 30 s; leaving anyway"); }
        stdout.WriteLine("tfm: silo stopped");
        return ExitCodes.Ok;
    }

    /// <summary>A settings problem with the option's name instead of the property's.</summary>
    private static string OptionName(string problem) => problem
        .Replace(nameof(SiloSettings.PrimarySiloPort), "--primary-port", StringComparison.Ordinal)
        .Replace(nameof(SiloSettings.SiloPort), "--silo-port", StringComparison.Ordinal)
        .Replace(nameof(SiloSettings.GatewayPort), "--gateway-port", StringComparison.Ordinal)
        .Replace(nameof(SiloSettings.Workers), "--workers", StringComparison.Ordinal);
}
