using System.Globalization;

using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// Every semantic rule of a scenario in one place: ranges, shares that sum to one, dates inside the
/// time span, names that exist, and limits on size. Used both after loading files (errors then name
/// the file that set each value) and on scenarios changed in code.
/// </summary>
public static class ScenarioValidator
{
    /// <summary>Most replicates in one run.</summary>
    public const int MaxReplicates = 10_000_000;

    /// <summary>Largest value of a fixed input (places or arrivals a week per area).</summary>
    public const double MaxFixedInput = 1_000_000;

    /// <summary>Longest burn-in, in years.</summary>
    public const int MaxBurnInYears = 20;

    /// <summary>Longest time span, in years.</summary>
    public const int MaxYears = 60;

    /// <summary>Earliest allowed start date.</summary>
    public static readonly DateOnly EarliestStart = new(1990, 1, 1);

    private const double ShareTolerance = 1e-3;

    /// <summary>Every problem with <paramref name="s"/>; <paramref name="sourceOf"/> names the source of a key path.</summary>
    public static IReadOnlyList<ScenarioError> Validate(Scenario s, Func<string, string> sourceOf)
    {
        var errors = new List<ScenarioError>();
        void Add(string path, object? value, string message) =>
            errors.Add(new ScenarioError(sourceOf(path), path, value is null ? null : Format(value), message));

        // A date that could not be read was reported already; checks that depend on it would only repeat the problem.
        bool datesRead = s.Start != default && s.End != default;
        if (datesRead && s.Start < EarliestStart) Add("Start", s.Start, $"must be on or after {EarliestStart:yyyy-MM-dd}");
        if (s.BurnInYears < 0 || s.BurnInYears > MaxBurnInYears) Add("BurnInYears", s.BurnInYears, $"must be a whole number of years from 0 to {MaxBurnInYears}");
        if (datesRead && s.End <= s.Start) Add("End", s.End, $"must be after Start ({s.Start:yyyy-MM-dd})");
        else if (datesRead && s.End > s.Start.AddYears(MaxYears)) Add("End", s.End, $"the time span is limited to {MaxYears} years (Start is {s.Start:yyyy-MM-dd})");
        bool spanValid = datesRead && s.End > s.Start && s.End <= s.Start.AddYears(MaxYears);
        if (s.Replicates < 1 || s.Replicates > MaxReplicates) Add("Replicates", s.Replicates, $"must be from 1 to {MaxReplicates:N0}");
        bool InSpan(DateOnly d) => !spanValid || (d >= s.Start && d <= s.End);
        string Span() => $"inside the time span {s.Start:yyyy-MM-dd} to {s.End:yyyy-MM-dd}";

        for (int i = 0; i < s.Parameters.Length; i++)
            CheckValue(ParameterCatalog.Scalars[i], s.Parameters[i], $"Parameters.{ParameterCatalog.Scalars[i].Name}", Add);
        for (int m = 0; m < Modalities.Count; m++)
        {
            var modality = (Modality)m;
            for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
                CheckValue(ParameterCatalog.PerModality[i], s.ModalityParameters[m][i], $"Modalities.{modality}.{ParameterCatalog.PerModality[i].Name}", Add);
            var transfer = s[modality, ModalityParameterId.TransferToRehabShare];
            if (modality == Modality.ResidentialRehab && transfer.Mean != 0)
                Add($"Modalities.{modality}.TransferToRehabShare", transfer, "must be 0: residential rehab cannot transfer to itself");
        }
        foreach (var id in new[] { ModalityParameterId.ReferralShare, ModalityParameterId.CjsReferralShare, ModalityParameterId.NonPduReferralShare, ModalityParameterId.SpendShare })
        {
            double sum = Modalities.All.Sum(m => s[m, id].Mean);
            if (double.IsFinite(sum) && Math.Abs(sum - 1) > ShareTolerance)
            {
                // Name the file that changed a share: a user's layer rather than the embedded default.
                var sources = Modalities.All.Select(m => sourceOf($"Modalities.{m}.{id}")).ToList();
                string source = sources.FirstOrDefault(x => x != ScenarioLoader.EmbeddedName) ?? sources[0];
                errors.Add(new ScenarioError(source, $"Modalities.*.{id}", Format(sum), $"the {id} of the six modalities must sum to 1 (shares drawn from distributions are normalised per replicate)"));
            }
        }

        var areaNames = s.AreaData.Areas.Select(a => a.Name).ToList();
        void CheckArea(string path, string name)
        {
            if (s.AreaData.IndexOf(name) < 0 && areaNames.Count > 0)
                Add(path, name, $"unknown area{Suggestions.Hint(name, areaNames)}; areas are the DAT names in {s.DataFiles.Areas}");
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < s.Areas.Length; i++)
        {
            CheckArea($"Areas.{i}", s.Areas[i]);
            if (!seen.Add(s.Areas[i])) Add($"Areas.{i}", s.Areas[i], "duplicate area: list each area once");
        }
        for (int i = 0; i < s.WeeklyAreas.Length; i++) CheckArea($"Output.WeeklyAreas.{i}", s.WeeklyAreas[i]);
        foreach (var bcu in s.Bcus)
            foreach (var dat in bcu.Dats)
                if (s.AreaData.IndexOf(dat) < 0 && areaNames.Count > 0)
                    errors.Add(new ScenarioError(s.DataFiles.Bcus, $"rank {bcu.Rank}, column dat", dat, $"unknown DAT{Suggestions.Hint(dat, areaNames)}"));

        foreach (var o in s.AreaOverrides)
        {
            CheckArea($"AreaOverrides.{o.Area}", o.Area);
            foreach (var (id, value) in o.Values)
                CheckValue(ParameterCatalog.Scalars[(int)id], value, $"AreaOverrides.{o.Area}.{ParameterCatalog.Scalars[(int)id].Name}", Add);
        }
        for (int i = 0; i < s.ParameterChanges.Length; i++)
        {
            var c = s.ParameterChanges[i];
            if (!InSpan(c.From)) Add($"ParameterChanges.{i}.From", c.From, $"must be {Span()}");
            if (!(c.Multiplier >= 0) || !double.IsFinite(c.Multiplier)) Add($"ParameterChanges.{i}.Multiplier", c.Multiplier, "must be a finite number >= 0");
            for (int j = 0; j < c.Areas.Length; j++) CheckArea($"ParameterChanges.{i}.Areas.{j}", c.Areas[j]);
        }

        var r = s.Rollout;
        if (r.TotalBcus < Math.Max(1, s.Bcus.Length) || r.TotalBcus > 10_000)
            Add("Rollout.TotalBcus", r.TotalBcus, $"must be from {Math.Max(1, s.Bcus.Length)} (the named BCUs) to 10,000");
        for (int i = 0; i < r.Tranches.Length; i++)
        {
            var t = r.Tranches[i];
            string p = $"Rollout.Tranches.{i}";
            if (t.FirstRank < 1) Add($"{p}.FirstRank", t.FirstRank, "must be >= 1");
            if (t.LastRank < t.FirstRank) Add($"{p}.LastRank", t.LastRank, $"must be >= FirstRank ({t.FirstRank})");
            else if (t.LastRank > r.TotalBcus) Add($"{p}.LastRank", t.LastRank, $"must be <= Rollout.TotalBcus ({r.TotalBcus})");
            if (!InSpan(t.Start)) Add($"{p}.Start", t.Start, $"must be {Span()}");
        }
        var bcuNames = s.Bcus.Select(b => b.Name).ToList();
        for (int i = 0; i < r.Explicit.Length; i++)
        {
            var b = r.Explicit[i];
            if (!bcuNames.Contains(b.Bcu, StringComparer.OrdinalIgnoreCase))
                Add($"Rollout.Bcus.{i}.Bcu", b.Bcu, $"unknown BCU{Suggestions.Hint(b.Bcu, bcuNames)}; BCUs are named in {s.DataFiles.Bcus}");
            if (!InSpan(b.Start)) Add($"Rollout.Bcus.{i}.Start", b.Start, $"must be {Span()}");
        }

        if (s.Policy.PresumptionAgainstBail is { } pab)
        {
            if (!InSpan(pab.Start)) Add("Policy.PresumptionAgainstBail.Start", pab.Start, $"must be {Span()}");
            for (int i = 0; i < pab.Areas.Length; i++) CheckArea($"Policy.PresumptionAgainstBail.Areas.{i}", pab.Areas[i]);
        }
        foreach (var (m, places) in s.Fixed.PlacesPerArea)
            if (!(places >= 0 && places <= MaxFixedInput) || places != Math.Floor(places))
                Add($"FixedInputs.PlacesPerArea.{m}", places, $"must be a whole number of places from 0 to {MaxFixedInput:N0}");
        foreach (var (m, rate) in s.Fixed.ReferralsPerWeek)
            if (!(rate >= 0 && rate <= MaxFixedInput))
                Add($"FixedInputs.ReferralsPerWeek.{m}", rate, $"must be a number of arrivals a week from 0 to {MaxFixedInput:N0}");
        foreach (var (year, cap) in s.Policy.DttoCaps)
            if (!(cap >= 0) || !double.IsFinite(cap))
                Add($"Policy.DttoCapPerYear.{year}", cap, "must be a finite number of orders >= 0");
        return errors;
    }

    private static void CheckValue(ParameterInfo info, Distribution value, string path, Action<string, object?, string> add)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        foreach (var problem in value.Problems())
        {
            add(path, value, problem);
            return;
        }
        if (value.Kind is DistributionKind.Normal or DistributionKind.Gamma or DistributionKind.LogNormal)
        {
            // Unbounded families: the mean must be allowed; draws are truncated to the allowed values.
            if (value.Mean < min || value.Mean > max) add(path, value, $"the mean must be {ParameterCatalog.Describe(info)} ({info.Unit}); draws are truncated to that range");
            return;
        }
        var (lo, hi) = value.Support;
        if (lo < min || hi > max)
            add(path, value, value.Kind == DistributionKind.Fixed
                ? $"must be {ParameterCatalog.Describe(info)} ({info.Unit})"
                : $"every draw must be {ParameterCatalog.Describe(info)} ({info.Unit}), but this distribution ranges over [{Format(lo)}, {Format(hi)}]");
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
