using System.Globalization;
using System.Net;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace TreatmentFlowModel.Cluster;

/// <summary>
/// Where a cluster's silos find each other and clients find the silos, as one line of text:
/// <list type="bullet">
/// <item><c>localhost</c> or <c>localhost:30000,30001</c>: Orleans' development clustering on this machine (the first
/// silo keeps the membership; the ports are the silos' gateways, 30000 by default). For trying things out: if the first
/// silo stops, the cluster stops.</item>
/// <item><c>redis:HOST:PORT</c> (anything after <c>redis:</c> is a StackExchange.Redis configuration, e.g.
/// <c>redis:cache.internal:6379,password=...</c>): membership in Redis, for real clusters; any silo may stop.</item>
/// </list>
/// Either may start with <c>ID@</c> to name the cluster (default <c>tfm</c>), so several clusters can share one Redis.
/// </summary>
public sealed class ClusterConnection
{
    /// <summary>The cluster name used when the connection names none.</summary>
    public const string DefaultClusterId = "tfm";

    private const string RedisPrefix = "redis:";
    private const string Localhost = "localhost";

    private ClusterConnection(string text, string clusterId, string? redis, int[] gatewayPorts)
    {
        Text = text;
        ClusterId = clusterId;
        Redis = redis;
        GatewayPorts = gatewayPorts;
    }

    /// <summary>The text it was parsed from.</summary>
    public string Text { get; }

    /// <summary>The cluster's name (Orleans' cluster and service id).</summary>
    public string ClusterId { get; }

    /// <summary>The StackExchange.Redis configuration holding the membership, or null for development clustering.</summary>
    public string? Redis { get; }

    /// <summary>Development clustering only: the silos' gateway ports on this machine.</summary>
    public IReadOnlyList<int> GatewayPorts { get; }

    /// <summary>Whether this is development clustering on localhost.</summary>
    public bool IsLocalhost => Redis is null;

    /// <summary>Reads a connection; the message of the exception says what is allowed.</summary>
    /// <exception cref="FormatException">The text is not a connection.</exception>
    public static ClusterConnection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Allowed = "expected 'localhost', 'localhost:PORT,PORT...' or 'redis:HOST:PORT', optionally preceded by 'ID@'";
        string rest = text.Trim();
        string clusterId = DefaultClusterId;
        int at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0 && !rest.StartsWith(RedisPrefix, StringComparison.OrdinalIgnoreCase))
        {
            clusterId = rest[..at];
            rest = rest[(at + 1)..];
            if (clusterId.Length == 0 || !clusterId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
                throw new FormatException($"'{text}': the cluster id '{clusterId}' must be letters, digits, '-', '_' or '.'");
        }
        if (rest.StartsWith(RedisPrefix, StringComparison.OrdinalIgnoreCase))
        {
            string redis = rest[RedisPrefix.Length..];
            if (redis.Length == 0) throw new FormatException($"'{text}': no Redis server after 'redis:'; {Allowed}");
            return new ClusterConnection(text, clusterId, redis, []);
        }
        if (string.Equals(rest, Localhost, StringComparison.OrdinalIgnoreCase))
            return new ClusterConnection(text, clusterId, null, [30000]);
        if (rest.StartsWith(Localhost + ":", StringComparison.OrdinalIgnoreCase))
        {
            var ports = new List<int>();
            foreach (var port in rest[(Localhost.Length + 1)..].Split(','))
            {
                if (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out int p) || p < 1 || p > 65535)
                    throw new FormatException($"'{text}': '{port}' is not a port (1 to 65535)");
                ports.Add(p);
            }
            return new ClusterConnection(text, clusterId, null, [.. ports]);
        }
        throw new FormatException($"'{text}': {Allowed}");
    }

    /// <summary>Configures a client of this cluster.</summary>
    internal void ConfigureClient(IClientBuilder client)
    {
        if (Redis is { } redis) client.UseRedisClustering(redis);
        else client.UseStaticClustering([.. GatewayPorts.Select(p => new IPEndPoint(IPAddress.Loopback, p))]);
        client.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ClusterId; });
        client.Configure<ClientMessagingOptions>(o => o.MaxMessageBodySize = ClusterLimits.MaxMessageBytes);
    }

    /// <summary>Configures a silo of this cluster.</summary>
    internal void ConfigureSilo(ISiloBuilder silo, SiloSettings settings)
    {
        var advertised = settings.AdvertisedAddress ?? (IsLocalhost ? IPAddress.Loopback : null);
        if (Redis is { } redis) silo.UseRedisClustering(redis);
        else silo.UseDevelopmentClustering(new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort));
        silo.Configure<EndpointOptions>(o =>
        {
            o.SiloPort = settings.SiloPort;
            o.GatewayPort = settings.GatewayPort;
            if (advertised is not null) o.AdvertisedIPAddress = advertised;
            if (settings.ListenOnAnyAddress)
            {
                o.SiloListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.SiloPort);
                o.GatewayListeningEndpoint = new IPEndPoint(IPAddress.Any, settings.GatewayPort);
            }
        });
        silo.Configure<ClusterOptions>(o => { o.ClusterId = ClusterId; o.ServiceId = ClusterId; });
        silo.Configure<SiloMessagingOptions>(o => o.MaxMessageBodySize = ClusterLimits.MaxMessageBytes);
        if (settings.ProbeTimeout is { } probe) silo.Configure<ClusterMembershipOptions>(o => o.ProbeTimeout = probe);
    }

    /// <inheritdoc/>
    public override string ToString() => Text;
}
