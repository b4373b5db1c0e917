using System.Text;
using TreatmentFlowModel.Model;
using TreatmentFlowModel.Targets;

namespace TreatmentFlowModel.Output;

/// <summary>
/// codebook.csv, the data dictionary written into every output folder: <c>kind,file,name,unit,decimals,meaning,definition</c>
/// with a row for every column of the folder's CSV files, every metric (label, unit, the decimals written, definition),
/// every modality and every target the run judged.
/// </summary>
public static class Codebook
{
    /// <summary>The file name.</summary>
    public const string FileName = "codebook.csv";

    /// <summary>The codebook of a folder holding <paramref name="files"/>, with <paramref name="targets"/> described.</summary>
    /// <param name="files">The CSV files written (names as in <see cref="OutputColumns.Files"/>).</param>
    /// <param name="targets">The targets the run judged (each name once).</param>
    public static string Text(IEnumerable<string> files, IEnumerable<Target> targets)
    {
        var text = new StringBuilder("kind,file,name,unit,decimals,meaning,definition\n");
        void Row(string kind, string file, string name, string unit, string decimals, string meaning, string definition) =>
            text.Append(string.Join(',', new[] { kind, file, name, unit, decimals, meaning, definition }.Select(CsvText.Text))).Append('\n');

        foreach (var file in files)
            foreach (var c in OutputColumns.Files[file])
                Row("column", c.File, c.Name, c.Unit, c.Decimals, c.Meaning, "");
        foreach (var metric in Enum.GetValues<Metric>())
        {
            var info = MetricCodebook.Of(metric);
            Row("metric", "", info.Name, info.Unit, info.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Label,
                info.Definition + (MetricCatalog.HasModalities(metric) ? " Recorded per modality and in total (all)." : " Recorded in total only (all)."));
        }
        // Rows only tfm compare writes (ratios of paired differences, no engine metric), so compare.csv's metrics all have one.
        var engineMetrics = Enum.GetValues<Metric>().Select(MetricCatalog.OutputName).ToHashSet();
        foreach (var info in MetricCodebook.Entries.Where(e => !engineMetrics.Contains(e.Name)))
            Row("metric", "", info.Name, info.Unit, info.Decimals.ToString(System.Globalization.CultureInfo.InvariantCulture), info.Label, info.Definition);
        foreach (var m in Modalities.All)
            Row("modality", "", Modalities.OutputName(m), "", "", m.ToString(), ModalityDefinitions[(int)m]);
        Row("modality", "", Modalities.OutputName(Modalities.Count), "", "", "All modalities", "The total over the six modalities.");
        foreach (var target in targets.DistinctBy(t => t.Name))
            Row("target", "", target.Name, "", "", Meaning(target), Definition(target));
        return text.ToString();
    }

    private static readonly string[] ModalityDefinitions =
    [
        "Inpatient detoxification (Models of Care tier 4).",
        "Specialist (community drug team) prescribing (tier 3).",
        "GP (shared care) prescribing (tier 3).",
        "Structured counselling (tier 3).",
        "Structured day care (tier 3).",
        "Residential rehabilitation (tier 4).",
    ];

    private static string Meaning(Target target) => target switch
    {
        GrowthTarget g => $"{g.Growth} participation by {g.Year} over {g.BaseYear}",
        RiseTarget r => $"{MetricCatalog.OutputName(r.Measure)} rises year on year",
        MaxWaitTarget w => $"NTA maximum wait, {Modalities.OutputName(w.WaitModality)}",
        _ => target.Name,
    };

    private static string Definition(Target target) => target switch
    {
        GrowthTarget g => $"Met in a run when its {MetricCatalog.OutputName(g.Measure)} in the target year is at least {g.Factor.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} times its own value in {g.BaseYear}.",
        RiseTarget r => $"Met in a run when its {MetricCatalog.OutputName(r.Measure)} in the year is higher than in the year before (not met when undefined).",
        MaxWaitTarget => "Met in a run when the 95th percentile of the completed waits of the people admitted in the year is at most the NTA maximum (the 2002/03 maximum in 2002/03, the 2003/04 one from then on); met when nobody was admitted.",
        _ => "",
    };
}
