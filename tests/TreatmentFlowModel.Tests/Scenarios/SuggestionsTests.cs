using TreatmentFlowModel.Scenarios;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary>"Did you mean" that knows how place names are shortened, and still catches typos in keys.</summary>
public sealed class SuggestionsTests
{
    private static readonly string[] Dats = [.. ScenarioLoader.LoadDefault().AreaData.Areas.Select(a => a.Name)];

    [Theory]
    [InlineData("NE Lincolnshire", "North East Lincolnshire")] // fewer letters from "Lincolnshire", but NE is North East
    [InlineData("N Lincolnshire", "North Lincolnshire")]
    [InlineData("Lincs", "Lincolnshire")]
    [InlineData("Herts", "Hertfordshire")]
    [InlineData("Brighton and Hove", "Brighton & Hove")]
    [InlineData("Stoke-on-Trent", "Stoke on Trent")]
    [InlineData("Hull", "Kingston upon Hull")]
    [InlineData("Lambet", "Lambeth")]
    [InlineData("Barking and Dagenham", "Barking & Dagenham")]
    public void AreaNames_AreFoundFromTheirUsualShortenings(string written, string meant) =>
        Assert.Equal(meant, Suggestions.Closest(written, Dats));

    [Fact]
    public void EquallyCloseNames_AreAllOffered()
    {
        Assert.Equal("; did you mean 'Nottinghamshire' or 'City of Nottingham'?", Suggestions.Hint("Nottingham", Dats));
    }

    [Theory]
    [InlineData("ArestPerYear", "ArrestPerYear")]
    [InlineData("Replicatse", "Replicates")]
    public void TyposInKeys_AreStillCaught(string written, string meant) =>
        Assert.Equal(meant, Suggestions.Closest(written, ["ArrestPerYear", "Replicates", "Seed", "Areas", "Rollout"]));

    [Fact]
    public void NothingClose_SuggestsNothing()
    {
        Assert.Null(Suggestions.Closest("Atlantis", Dats));
        Assert.Equal("", Suggestions.Hint("Zzz", ["ArrestPerYear"]));
    }
}
