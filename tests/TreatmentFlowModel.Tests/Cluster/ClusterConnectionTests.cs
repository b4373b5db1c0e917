using TreatmentFlowModel.Cluster;

namespace TreatmentFlowModel.Tests.Cluster;

public class ClusterConnectionTests
{
    [Theory]
    [InlineData("localhost", "tfm", null, "30000")]
    [InlineData("localhost:30000,30001,30002", "tfm", null, "30000,30001,30002")]
    [InlineData("ci-7@localhost:40000", "ci-7", null, "40000")]
    [InlineData("redis:127.0.0.1:6379", "tfm", "127.0.0.1:6379", "")]
    [InlineData("blue@redis:cache:6379,password=a@b", "blue", "cache:6379,password=a@b", "")]
    [InlineData("redis:cache:6379,password=a@b", "tfm", "cache:6379,password=a@b", "")]
    public void Parse_ReadsTheClusterIdTheMembershipAndTheGateways(string text, string id, string? redis, string ports)
    {
        var c = ClusterConnection.Parse(text);
        Assert.Equal(id, c.ClusterId);
        Assert.Equal(redis, c.Redis);
        Assert.Equal(redis is null, c.IsLocalhost);
        Assert.Equal(ports, string.Join(',', c.GatewayPorts));
    }

    [Theory]
    [InlineData("", "expected 'localhost'")]
    [InlineData("cluster.example", "expected 'localhost'")]
    [InlineData("localhost:0", "'0' is not a port")]
    [InlineData("localhost:30000,x", "'x' is not a port")]
    [InlineData("redis:", "no Redis server")]
    [InlineData("bad id@localhost", "the cluster id 'bad id'")]
    [InlineData("@localhost", "the cluster id ''")]
    public void Parse_RefusesWhatIsNotAConnection_SayingWhatIsAllowed(string text, string message)
    {
        var e = Assert.Throws<FormatException>(() => ClusterConnection.Parse(text));
        Assert.Contains(message, e.Message);
        Assert.StartsWith($"'{text}'", e.Message);
    }
}
