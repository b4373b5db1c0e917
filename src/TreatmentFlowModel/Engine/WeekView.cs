namespace TreatmentFlowModel.Engine;

/// <summary>
/// What a replicate's week leaves for the recorder to read: every area's row of series values, its admissions by
/// completed weeks waited, its waiting lists and its mean stays, addressed by area, modality and queue rather than by
/// index arithmetic. Valid until the simulator steps the next week.
/// </summary>
internal readonly struct WeekView(int week, double[] series, double[] admittedByWait, double[] waiting, double[] meanStayWeeks, WaitingListLayout lists)
{
    /// <summary>The week (index from the start of the run).</summary>
    public int Week => week;

    /// <summary>Bins of completed weeks waited, in <see cref="AdmittedByWait"/> and <see cref="WaitingList"/> (the last an open tail).</summary>
    public int WaitBins => lists.Bins;

    /// <summary>Values per row of <see cref="AdmittedByWait"/>: the bins, then the total weeks waited by those admitted from the tail.</summary>
    public int ByWaitWidth => lists.ByWaitWidth;

    /// <summary>The week's value of every series in <paramref name="area"/> (<see cref="SeriesRows"/>; wait series hold NaN: they come from the admissions).</summary>
    public ReadOnlySpan<double> Series(int area) => series.AsSpan(SeriesRows.Row(area), SeriesRows.Width);

    /// <summary>
    /// The week's admissions in <paramref name="area"/> by modality, then queue (0: every queue, 1: criminal-justice
    /// referrals), then completed weeks waited: [(m × 2 + route) × <see cref="ByWaitWidth"/> + k], the last value of a row the
    /// total weeks waited by those admitted from the tail.
    /// </summary>
    public ReadOnlySpan<double> AdmittedByWait(int area) => admittedByWait.AsSpan(lists.ByWaitStart(AreaModality.Index(area, 0)), lists.ByWaitPerArea);

    /// <summary>Queue <paramref name="queue"/> of the waiting list of <paramref name="modality"/> in <paramref name="area"/>, by completed weeks waited, at the end of the week.</summary>
    public ReadOnlySpan<double> WaitingList(int area, int modality, ReferralQueue queue) =>
        waiting.AsSpan(lists.Start(WaitingListLayout.List(area, modality, queue)), lists.Bins);

    /// <summary>Expected weeks in treatment of someone admitted to <paramref name="modality"/> in <paramref name="area"/> now.</summary>
    public double MeanStayWeeks(int area, int modality) => meanStayWeeks[AreaModality.Index(area, modality)];
}
