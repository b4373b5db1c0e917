using System.Net;

namespace TreatmentFlowModel.Cluster;

/// <summary>How to host a silo: where it listens, what it advertises and how many replicates it runs at once.</summary>
public sealed record SiloSettings
{
    /// <summary>Port for silo-to-silo traffic. <value>Default 11111.</value></summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>Port clients connect to. <value>Default 30000.</value></summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>Development clustering only: the silo port of the first silo, which keeps the membership. <value>Default 11111.</value></summary>
    public int PrimarySiloPort { get; init; } = 11111;

    /// <summary>
    /// The address other silos and clients reach this silo at; null: 127.0.0.1 for development clustering, otherwise
    /// Orleans' choice (the machine's first non-loopback address; on Kubernetes pass the pod's IP).
    /// </summary>
    public IPAddress? AdvertisedAddress { get; init; }

    /// <summary>Listen on every address of the machine, not only the advertised one (containers behind NAT). <value>Default false.</value></summary>
    public bool ListenOnAnyAddress { get; init; }

    /// <summary>Replicates run at once (worker threads). <value>Default: the processors.</value></summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>How long a silo waits for a probe's answer before suspecting another silo; null keeps Orleans' default (5 s). Shorter finds lost silos sooner, at the risk of suspecting a slow one.</summary>
    public TimeSpan? ProbeTimeout { get; init; }

    /// <summary>Write one line per batch to the log (replicates, seconds, bytes sent). <value>Default false.</value></summary>
    public bool LogBatches { get; init; }

    /// <summary>Every problem with these settings, each naming the member and its value; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (SiloPort is < 1 or > 65535) problems.Add($"{nameof(SiloPort)} = {SiloPort}: must be a port, 1 to 65535");
        if (GatewayPort is < 1 or > 65535) problems.Add($"{nameof(GatewayPort)} = {GatewayPort}: must be a port, 1 to 65535");
        if (PrimarySiloPort is < 1 or > 65535) problems.Add($"{nameof(PrimarySiloPort)} = {PrimarySiloPort}: must be a port, 1 to 65535");
        if (SiloPort == GatewayPort) problems.Add($"{nameof(SiloPort)} and {nameof(GatewayPort)} are both {SiloPort}: they must differ");
        if (Workers < 1) problems.Add($"{nameof(Workers)} = {Workers}: must be at least 1");
        if (ProbeTimeout is { } p && p <= TimeSpan.Zero) problems.Add($"{nameof(ProbeTimeout)} = {p}: must be positive");
        return problems;
    }
}
