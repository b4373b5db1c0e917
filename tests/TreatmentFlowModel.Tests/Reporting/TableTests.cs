using TreatmentFlowModel.Reporting;

namespace TreatmentFlowModel.Tests.Reporting;

public sealed class TableTests
{
    private static readonly (string Name, int Runs, double Share, double Median)[] Items = [("participation_55pct", 1000, 0.004, 126592.4), ("a <b> & c", 40, double.NaN, 2.45678)];

    private static Table Sample() => Table.Of(Items, ("target", x => x.Name), ("runs", x => x.Runs), ("share", x => x.Share), ("median", x => x.Median));

    [Fact]
    public void ToString_AlignsTheColumns_NumbersRightAndRoundedAsTheReportRoundsThem()
    {
        Assert.Equal(
            "target                runs  share   median\n" +
            "participation_55pct  1,000  0.004  127,000\n" +
            "a <b> & c               40      –     2.46\n",
            Sample().ToString());
    }

    [Fact]
    public void ToHtml_IsATable_WithTextEncoded_AndNumericColumnsRightAligned()
    {
        string html = Sample().ToHtml();
        Assert.StartsWith("<table>\n<thead><tr><th>target</th><th style=\"text-align:right\">runs</th>", html);
        Assert.Contains("<tr><td>a &lt;b&gt; &amp; c</td><td style=\"text-align:right\">40</td><td style=\"text-align:right\">–</td><td style=\"text-align:right\">2.46</td></tr>", html);
        Assert.EndsWith("</tbody>\n</table>", html);
        Assert.Equal(2, Sample().Rows.Count);
    }

    [Fact]
    public void ARowWithTheWrongNumberOfCells_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Table(["a", "b"], [[1, 2], [3]]));
        Assert.StartsWith("a row has 1 cells for 2 columns", e.Message);
    }
}
