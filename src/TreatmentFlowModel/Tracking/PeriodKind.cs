namespace TreatmentFlowModel.Tracking;

/// <summary>The length of an observed period, and so the output it is compared with.</summary>
public enum PeriodKind
{
    /// <summary>A week (<c>2003-W23</c> or its first day): compared with weekly.csv's week holding most of its days.</summary>
    Week,
    /// <summary>A calendar month (<c>2003-04</c>): compared with monthly.csv.</summary>
    Month,
    /// <summary>A calendar or financial quarter (<c>2003Q2</c>, <c>FY2003-04-Q1</c>): compared with quarterly.csv.</summary>
    Quarter,
    /// <summary>An April-March financial year (<c>2003/04</c>, <c>FY2003-04</c>): compared with annual.csv.</summary>
    FinancialYear,
}
