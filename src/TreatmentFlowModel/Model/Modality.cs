namespace TreatmentFlowModel.Model;

/// <summary>The six structured treatment modalities of Models of Care (tiers 3 and 4).</summary>
public enum Modality
{
    /// <summary>Inpatient detoxification.</summary>
    InpatientDetox = 0,
    /// <summary>Specialist (community drug team) prescribing.</summary>
    SpecialistPrescribing = 1,
    /// <summary>GP (shared care) prescribing.</summary>
    GpPrescribing = 2,
    /// <summary>Structured counselling.</summary>
    StructuredCounselling = 3,
    /// <summary>Structured day care.</summary>
    StructuredDayCare = 4,
    /// <summary>Residential rehabilitation.</summary>
    ResidentialRehab = 5,
}

/// <summary>Names and counts for <see cref="Modality"/>.</summary>
public static class Modalities
{
    /// <summary>Number of modalities (6).</summary>
    public const int Count = 6;

    /// <summary>Every modality in index order.</summary>
    public static IReadOnlyList<Modality> All { get; } = Enum.GetValues<Modality>();

    private static readonly string[] SnakeNames =
        ["inpatient_detox", "specialist_prescribing", "gp_prescribing", "structured_counselling", "structured_day_care", "residential_rehab"];

    /// <summary>The snake_case name used in output files, the enum's name in snake_case (<c>all</c> is the total over modalities).</summary>
    public static string OutputName(Modality modality) => SnakeNames[(int)modality];

    /// <summary>Output name for a modality index, where index <see cref="Count"/> means the total, <c>all</c>.</summary>
    public static string OutputName(int index) => index == Count ? "all" : SnakeNames[index];
}
