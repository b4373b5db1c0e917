using TreatmentFlowModel.Cli;
namespace TreatmentFlowModel.Tests.Cli;

public sealed class ProgressDisplayTests
{
    [Fact]
    public void TimeLeft_IsLabelled_AndWaitsForAReplicatePerThread()
    {
        Assert.Equal("estimating time left", ProgressDisplay.TimeLeft(3, 100, TimeSpan.FromSeconds(3), after: 4));
        Assert.Equal("about 24 s left", ProgressDisplay.TimeLeft(4, 100, TimeSpan.FromSeconds(1), after: 4));
        Assert.Equal("about 6 min left", ProgressDisplay.TimeLeft(10, 100, TimeSpan.FromSeconds(40), after: 4));
        Assert.Equal("about 2.5 h left", ProgressDisplay.TimeLeft(10, 100, TimeSpan.FromSeconds(1000), after: 4));
        Assert.Equal("done", ProgressDisplay.TimeLeft(100, 100, TimeSpan.FromSeconds(9), after: 4));
    }
}
