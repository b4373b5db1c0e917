using System.Collections.Immutable;
using TreatmentFlowModel.Data;

namespace TreatmentFlowModel.Setup;

/// <summary>
/// Each DAT's share of England's need (problem drug users, new users, arrests, DTTOs), independent of its 2002/03 budget.
/// </summary>
/// <remarks>
/// The published 2003/04-2005/06 allocations move every DAT's budget share along a straight line towards a target, one
/// equal step a year (with r_t = share_t / share_2002 - 1: r_2004/05 = 1.98 r_2003/04, r_2005/06 = 2.97 r_2003/04 across
/// the 123 DATs at no floor; issue 15 evidence, section 5): a pace-of-change path towards the York formula, which seed 004
/// says allocates the pooled budget. The target is N such steps from the 2002/03 share:
/// need(a) = share_2002(a) × max(0.05, 1 + N × x(a)), x(a) = share_2003(a) / share_2002(a) - 1, renormalised over every
/// DAT of the area table (so a DAT's share does not depend on which DATs are simulated). N is not identified by the
/// allocations (every N fits the same line); 3 gives the 2005/06 shares, 4 (central) reaches the target in 2006/07. The 0.05
/// floor only guards the formula; no DAT of the shipped table comes near it. For the 7 DATs floored at +10% in 2003/04 the
/// step, and so their need, is an upper bound.
/// </remarks>
internal sealed class NeedIndex
{
    private readonly ImmutableArray<double> _share2002, _step;

    private NeedIndex(ImmutableArray<double> share2002, ImmutableArray<double> step)
    {
        _share2002 = share2002;
        _step = step;
    }

    /// <summary>Areas in the table.</summary>
    public int Count => _share2002.Length;

    /// <summary>The need index of every area of <paramref name="table"/>, in its order.</summary>
    public static NeedIndex Of(AreaTable table)
    {
        double total2002 = table.Areas.Sum(a => a.Budget2002K), total2003 = table.Areas.Sum(a => a.Budget2003K);
        var share = table.Areas.Select(a => total2002 > 0 ? a.Budget2002K / total2002 : 0).ToArray();
        var step = table.Areas.Select((a, i) => share[i] > 0 && total2003 > 0 ? a.Budget2003K / total2003 / share[i] - 1 : 0).ToArray();
        return new NeedIndex([.. share], [.. step]);
    }

    /// <summary>Area <paramref name="tableIndex"/>'s share of England's 2002/03 pooled budget (where the money is).</summary>
    public double BudgetShare(int tableIndex) => _share2002[tableIndex];

    /// <summary>Every area's need share with <paramref name="steps"/> steps (N), in table order, summing to 1.</summary>
    public void Shares(double steps, Span<double> into)
    {
        double sum = 0;
        for (int i = 0; i < _share2002.Length; i++)
        {
            into[i] = _share2002[i] * Math.Max(0.05, 1 + steps * _step[i]);
            sum += into[i];
        }
        if (sum > 0)
            for (int i = 0; i < _share2002.Length; i++) into[i] /= sum;
    }

    /// <summary>Every area's need share with <paramref name="steps"/> steps, in table order.</summary>
    public double[] Shares(double steps)
    {
        var shares = new double[Count];
        Shares(steps, shares);
        return shares;
    }
}
