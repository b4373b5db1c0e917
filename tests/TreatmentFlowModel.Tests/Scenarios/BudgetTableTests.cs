using System.Globalization;
using TreatmentFlowModel.Data;
using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary>Issue 16 item 1: the long-format budget table (Data.Budgets) makes budgets data for the years it gives, and only those.</summary>
public sealed class BudgetTableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tfm-budgets-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static readonly AreaRecord NeLincs = new("North East Lincolnshire", "Yorkshire & Humber", 534, 795, 991, 1339);

    [Fact]
    public void GivenYears_ReplaceTheGrowthRate_AndLaterYearsGrowFromTheLastGiven()
    {
        var given = NeLincs with { GivenBudgetsK = [(new FinancialYear(2006), 1500), (new FinancialYear(2008), 2000)] };
        const double before = 0.075, after = 0.05;
        double Budget(AreaRecord r, int year) => r.BudgetK(new FinancialYear(year), before, after);
        // Years the table gives: its values, not 1,339 × 1.05^n.
        Assert.Equal(1500, Budget(given, 2006));
        Assert.Equal(2000, Budget(given, 2008));
        // A year between or after them grows from the last one given: 1,500 × 1.05 and 2,000 × 1.05².
        Assert.Equal(1575, Budget(given, 2007), 1e-9);
        Assert.Equal(2205, Budget(given, 2010), 1e-9);
        // Years it does not give and that follow no given year are as before: published, and grown back from 2002/03.
        for (int year = 1998; year <= 2005; year++) Assert.Equal(Budget(NeLincs, year), Budget(given, year));
        Assert.Equal(1339 * 1.05, Budget(NeLincs, 2006), 1e-9);
    }

    [Fact]
    public void TableRow_ChangesThatAreaAndYearOnly_ByTheMoneyOverThePlaceCost()
    {
        var s = TestScenarios.Small(1);
        var darlington = s.AreaData.Areas[s.AreaData.IndexOf("Darlington")];
        // £100,000 more than Darlington's published 2004/05 allocation (578 £k).
        double pounds = darlington.Budget2004K * 1000 + 100_000;
        string csv = Path.Combine(_dir, "budgets.csv");
        File.WriteAllText(csv, $"area,financial_year,budget_gbp\nDarlington,2004/05,{pounds.ToString(CultureInfo.InvariantCulture)}\n");
        var errors = new List<ScenarioError>();
        var withTable = s with { AreaData = DataTables.ReadBudgets(File.ReadAllText(csv), csv, s.AreaData, errors) };
        Assert.Empty(errors);

        var baseRun = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(s));
        var tableRun = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(withTable));
        baseRun.Initialise(0);
        tableRun.Initialise(0);
        var model = baseRun.Model;
        int year2004 = model.SimulationCalendar.YearIndex(new FinancialYear(2004));
        // Hand check: structured spend rises by £100,000 × CapacityMultiplier × StructuredShareOfSpend, shared by the spend mix
        // and turned into places at each modality's cost per place-year.
        double mixTotal = Enumerable.Range(0, Modalities.Count).Sum(m => s.ModalityParameters[m][(int)ModalityParameterId.SpendShare].Mean);
        double structured = 100_000 * s[ParameterId.CapacityMultiplier].Mean * s[ParameterId.StructuredShareOfSpend].Mean, added = 0;
        for (int a = 0; a < model.AreaCount; a++)
            for (int y = 0; y < model.SimulationCalendar.Years; y++)
                for (int m = 0; m < Modalities.Count; m++)
                {
                    double change = tableRun.FundedPlaces(y, a, m) - baseRun.FundedPlaces(y, a, m);
                    if (model.AreaNames[a] == "Darlington" && y == year2004)
                    {
                        var p = s.ModalityParameters[m];
                        double expected = structured * p[(int)ModalityParameterId.SpendShare].Mean / mixTotal / (p[(int)ModalityParameterId.CostPerPlaceWeek].Mean * 52);
                        Assert.Equal(expected, change, 1e-9);
                        added += change;
                    }
                    else Assert.Equal(0, change);
                }
        Assert.True(added > 1, $"£100,000 buys more than one place-year ({added:0.##})");
    }

    [Fact]
    public void ScenarioFile_NamesTheTable_AndTheResolvedScenarioKeepsIt()
    {
        File.WriteAllText(Path.Combine(_dir, "budgets.csv"), "area,financial_year,budget_gbp\nNorth East Lincolnshire,2006/07,1500000\n");
        string file = Path.Combine(_dir, "local.json");
        File.WriteAllText(file, """{ "Data": { "Budgets": "budgets.csv" } }""");
        var s = ScenarioLoader.Load([file], [], useEnvironment: false);
        var ne = s.AreaData.Areas[s.AreaData.IndexOf("North East Lincolnshire")];
        Assert.Equal(1500, ne.BudgetK(new FinancialYear(2006), 0, 0.05));
        Assert.Equal(Path.Combine(_dir, "budgets.csv"), s.DataFiles.Budgets);
        var again = ScenarioLoader.FromJson(ScenarioWriter.ToJson(s));
        Assert.Equal(1500, again.AreaData.Areas[again.AreaData.IndexOf("North East Lincolnshire")].BudgetK(new FinancialYear(2006), 0, 0.05));
    }

    [Fact]
    public void BadRows_AreEachReported_ByFileLineColumnAndValue_AndNoneIsUsed()
    {
        var s = TestScenarios.Small(1);
        const string csv = "area,financial_year,budget_gbp\nDarlington,2006/07,700000\nDarlingtn,2006/07,1\nDarlington,2006-07,1\nDarlington,2007/08,-5\nDarlington,2006/07,710000\n";
        var errors = new List<ScenarioError>();
        var areas = DataTables.ReadBudgets(csv, "budgets.csv", s.AreaData, errors);
        var messages = errors.Select(e => e.ToString()).ToList();
        Assert.Equal(4, messages.Count);
        Assert.Contains(messages, m => m.Contains("line 3, column area = 'Darlingtn'", StringComparison.Ordinal) && m.Contains("did you mean 'Darlington'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("line 4, column financial_year = '2006-07'", StringComparison.Ordinal) && m.Contains("such as 2006/07", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("line 5, column budget_gbp = '-5'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("line 6, column financial_year = '2006/07'", StringComparison.Ordinal) && m.Contains("on line 2", StringComparison.Ordinal));
        Assert.All(messages, m => Assert.StartsWith("budgets.csv: ", m, StringComparison.Ordinal));
        Assert.Same(s.AreaData, areas);
    }
}
