using TreatmentFlowModel.Engine;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Random;
using TreatmentFlowModel.Scenarios;
using TreatmentFlowModel.Setup;

namespace TreatmentFlowModel.Tests.Scenarios;

/// <summary>
/// Issue 16 item 1: a DAT's own unit costs, spending mix and referral mixes (AreaOverrides.AREA.Modalities) change that
/// area only, by the hand-checked amount.
/// </summary>
public class AreaModalityOverrideTests
{
    private static Scenario With(Scenario s, string area, params AreaModalityValue[] values) =>
        s with { AreaOverrides = [.. s.AreaOverrides, new AreaOverride(area, []) { ModalityValues = [.. values] }] };

    private static ReplicateSimulator<ExpectedDraws> Initialised(Scenario s)
    {
        var sim = new ReplicateSimulator<ExpectedDraws>(FrozenModel.From(s));
        sim.Initialise(0);
        return sim;
    }

    private static double Mean(Scenario s, Modality m, ModalityParameterId id) => s.ModalityParameters[(int)m][(int)id].Mean;

    [Fact]
    public void UnitCost_OfOneModalityInOneArea_ScalesOnlyItsFundedPlaces()
    {
        var s = TestScenarios.Small(1);
        double cost = Mean(s, Modality.GpPrescribing, ModalityParameterId.CostPerPlaceWeek);
        var halved = With(s, "Darlington", new AreaModalityValue(Modality.GpPrescribing, ModalityParameterId.CostPerPlaceWeek, Distribution.Fixed(cost / 2)));
        var baseRun = Initialised(s);
        var local = Initialised(halved);
        var model = baseRun.Model;
        for (int a = 0; a < model.AreaCount; a++)
            for (int y = 0; y < model.SimulationCalendar.Years; y++)
                for (int m = 0; m < Modalities.Count; m++)
                {
                    // The same money at half the cost per place-week buys twice the places; nothing else moves.
                    double factor = model.AreaNames[a] == "Darlington" && m == (int)Modality.GpPrescribing ? 2 : 1;
                    Assert.Equal(baseRun.FundedPlaces(y, a, m) * factor, local.FundedPlaces(y, a, m), 1e-9);
                }
    }

    [Fact]
    public void SpendShare_OfOneModalityInOneArea_RenormalisesThatAreasMixOnly()
    {
        var s = TestScenarios.Small(1);
        var local = Initialised(With(s, "Darlington", new AreaModalityValue(Modality.ResidentialRehab, ModalityParameterId.SpendShare, Distribution.Fixed(0.5))));
        var baseRun = Initialised(s);
        var model = baseRun.Model;
        // Hand check: rehab's raw share 0.1669 becomes 0.5, the others keep theirs, and the area's mix is renormalised:
        // each modality's places change by (its new share / new total) / (its old share / old total).
        double oldTotal = Modalities.All.Sum(m => Mean(s, m, ModalityParameterId.SpendShare));
        double newTotal = oldTotal - Mean(s, Modality.ResidentialRehab, ModalityParameterId.SpendShare) + 0.5;
        int darlington = Array.IndexOf([.. model.AreaNames], "Darlington");
        for (int a = 0; a < model.AreaCount; a++)
            for (int m = 0; m < Modalities.Count; m++)
            {
                double oldShare = Mean(s, (Modality)m, ModalityParameterId.SpendShare);
                double factor = a != darlington ? 1
                    : (m == (int)Modality.ResidentialRehab ? 0.5 : oldShare) / newTotal / (oldShare / oldTotal);
                Assert.Equal(baseRun.FundedPlaces(1, a, m) * factor, local.FundedPlaces(1, a, m), 1e-9);
            }
    }

    [Fact]
    public void CjsReferralShare_OfZeroInOneArea_SendsNoCriminalJusticeReferralThereOnly()
    {
        var s = TestScenarios.Small(1);
        var local = With(s, "Darlington", new AreaModalityValue(Modality.StructuredCounselling, ModalityParameterId.CjsReferralShare, Distribution.Fixed(0)));
        var model = FrozenModel.From(local);
        var sim = new ReplicateSimulator<StochasticDraws>(model);
        int darlington = Array.IndexOf([.. model.AreaNames], "Darlington"), lambeth = Array.IndexOf([.. model.AreaNames], "Lambeth");
        int series = MetricCatalog.Series(Metric.ReferralsCjs, (int)Modality.StructuredCounselling);
        double inDarlington = 0, inLambeth = 0, allDarlington = 0;
        sim.Run(0, _ =>
        {
            inDarlington += sim.Week[SeriesRows.Cell(darlington, series)];
            inLambeth += sim.Week[SeriesRows.Cell(lambeth, series)];
            allDarlington += sim.Week[SeriesRows.Cell(darlington, MetricCatalog.Total(Metric.ReferralsCjs))];
        });
        Assert.Equal(0, inDarlington);
        Assert.True(allDarlington > 0, "Darlington's criminal-justice referrals go to the other modalities");
        Assert.True(inLambeth > 0, "Lambeth keeps the national mix");
    }

    [Fact]
    public void ScenarioFile_ReadsAnAreasModalities_AndTheResolvedScenarioKeepsThem()
    {
        var s = ScenarioLoader.FromJson("""
            { "AreaOverrides": { "Darlington": { "ProblemDrugUsers": 700, "Modalities": { "GpPrescribing": { "CostPerPlaceWeek": 30, "ReferralShare": 0.12 } } } } }
            """);
        var o = Assert.Single(s.AreaOverrides, x => x.Area == "Darlington");
        Assert.Equal(2, o.ModalityValues.Length);
        Assert.Contains(o.ModalityValues, v => v.Modality == Modality.GpPrescribing && v.Parameter == ModalityParameterId.CostPerPlaceWeek && v.Value.Mean == 30);
        var again = ScenarioLoader.FromJson(ScenarioWriter.ToJson(s));
        static string Of(AreaOverride x) => string.Join("; ", x.ModalityValues.Select(v => $"{v.Modality}.{v.Parameter} = {v.Value}"));
        Assert.Equal(Of(o), Of(again.AreaOverrides.Single(x => x.Area == "Darlington")));
    }

    [Theory]
    [InlineData("""{ "AreaOverrides": { "Darlington": { "Modalities": { "GpPrescribing": { "ExitHazardMultiplier": 2 } } } } }""",
        "AreaOverrides.Darlington.Modalities.GpPrescribing.ExitHazardMultiplier = '2': unknown key; allowed here: CostPerPlaceWeek, SpendShare")]
    [InlineData("""{ "AreaOverrides": { "Darlington": { "Modalities": { "GpPrescibing": { "CostPerPlaceWeek": 30 } } } } }""",
        "did you mean 'GpPrescribing'?")]
    [InlineData("""{ "AreaOverrides": { "Darlington": { "Modalities": { "GpPrescribing": { "CostPerPlaceWeek": -3 } } } } }""",
        "AreaOverrides.Darlington.Modalities.GpPrescribing.CostPerPlaceWeek = '-3': must be a number from 1 to 1,000,000")]
    public void BadAreaModalityValues_AreRefused_NamingTheKey(string json, string expected)
    {
        var e = Assert.Throws<ScenarioException>(() => ScenarioLoader.FromJson(json));
        Assert.Contains(e.Errors, x => x.ToString().Contains(expected, StringComparison.Ordinal));
    }
}
