using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Tests.Targets;

public sealed class CapacityGapTests
{
    private static CapacityGap Gap(string area, double pMet, double extraP90, Modality modality = Modality.InpatientDetox) =>
        new(new FinancialYear(2004), area, modality, 10, 5, 2, 3, 2, pMet, 1, extraP90);

    [Fact]
    public void MostSevereFirst_PutsTheLeastLikelyToMeetTheWaitTargetFirst_WhateverItsSize()
    {
        var gaps = new[] { Gap("A", 1.0, 164), Gap("B", 0.01, 2), Gap("C", 0.85, 50), Gap("D", 0.85, 80), Gap("E", 0.01, double.NaN) };
        Assert.Equal(["B", "E", "D", "C", "A"], gaps.Order(CapacityGap.MostSevereFirst).Select(g => g.Area.Name));
    }

    [Fact]
    public void MostSevereFirst_IsATotalOrder_ByAreaThenModalityWhenEverythingElseTies()
    {
        var gaps = new[] { Gap("B", 0.5, 1, Modality.GpPrescribing), Gap("A", 0.5, 1, Modality.ResidentialRehab), Gap("A", 0.5, 1, Modality.GpPrescribing) };
        Assert.Equal([("A", Modality.GpPrescribing), ("A", Modality.ResidentialRehab), ("B", Modality.GpPrescribing)],
            gaps.Order(CapacityGap.MostSevereFirst).Select(g => (g.Area.Name, g.Modality)));
    }
}
