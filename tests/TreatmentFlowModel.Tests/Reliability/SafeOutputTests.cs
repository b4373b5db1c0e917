using TreatmentFlowModel.Ensemble;
using TreatmentFlowModel.Output;
using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Reliability;

public class SafeOutputTests
{
    private const string Script = "<script>alert('x')</script>";

    [Fact]
    public void Report_EscapesEveryUserString()
    {
        var s = TestScenarios.Small(2) with
        {
            Name = Script,
            Description = "<img src=x onerror=alert(1)> & \"quotes\"",
            Rollout = TestScenarios.Small().Rollout with { Tranches = [.. TestScenarios.Small().Rollout.Tranches.Select(t => t with { Name = "<b>top30</b>" })] },
        };
        var html = HtmlReport.Render(Simulation.Run(s, new RunOptions { Deterministic = true }), []);
        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img src=x", html);
        Assert.DoesNotContain("<b>top30", html);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html);
        Assert.Contains("&lt;b&gt;top30&lt;/b&gt;", html);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("Lambeth", "Lambeth")]
    [InlineData("Hammersmith & Fulham, West", "\"Hammersmith & Fulham, West\"")]
    public void CsvText_NeutralisesFormulas_AndQuotesSeparators(string text, string cell) => Assert.Equal(cell, CsvText.Text(text));

    [Theory]
    [InlineData(-1.5, "-1.5")]
    [InlineData(140000, "140000")]
    [InlineData(double.NaN, "")]
    public void CsvNumbers_StayNumbers(double x, string cell) => Assert.Equal(cell, CsvText.Number(x));
}
