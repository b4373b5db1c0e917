using System.Collections.Immutable;
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

        var spend = spanValid ? SpendLimits.Of(s) : null;
        for (int i = 0; i < s.Parameters.Length; i++)
            CheckValue(ParameterCatalog.Scalars[i], s.Parameters[i], $"Parameters.{ParameterCatalog.Scalars[i].Name}", Add, spend?.Narrowed((ParameterId)i));
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
        var knownAreas = areaNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        void CheckArea(string path, string name)
        {
            if (!knownAreas.Contains(name) && areaNames.Count > 0)
                Add(path, name, $"unknown area{Suggestions.Hint(name, areaNames)}; areas are the DAT names in {s.DataFiles.Areas}");
        }
        // A list of areas longer than the area table cannot name each DAT once: one message, not one per name.
        bool CheckAreaCount(string path, ImmutableArray<string> names)
        {
            if (areaNames.Count == 0 || names.Length <= areaNames.Count) return true;
            Add(path, null, $"lists {names.Length:N0} areas, but {s.DataFiles.Areas} has {areaNames.Count:N0} DATs; list each DAT at most once");
            return false;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (CheckAreaCount("Areas", s.Areas))
            for (int i = 0; i < s.Areas.Length; i++)
            {
                CheckArea($"Areas.{i}", s.Areas[i]);
                if (!seen.Add(s.Areas[i])) Add($"Areas.{i}", s.Areas[i], "duplicate area: list each area once");
            }
        if (CheckAreaCount("Output.WeeklyAreas", s.WeeklyAreas))
            for (int i = 0; i < s.WeeklyAreas.Length; i++) CheckArea($"Output.WeeklyAreas.{i}", s.WeeklyAreas[i]);
        foreach (var bcu in s.Bcus)
            foreach (var dat in bcu.Dats)
                if (!knownAreas.Contains(dat) && areaNames.Count > 0)
                    errors.Add(new ScenarioError(s.DataFiles.Bcus, $"rank {bcu.Rank}, column dat", dat, $"unknown DAT{Suggestions.Hint(dat, areaNames)}"));

        foreach (var o in s.AreaOverrides)
        {
            CheckArea($"AreaOverrides.{o.Area}", o.Area);
            foreach (var (id, value) in o.Values)
                CheckValue(ParameterCatalog.Scalars[(int)id], value, $"AreaOverrides.{o.Area}.{ParameterCatalog.Scalars[(int)id].Name}", Add);
            foreach (var v in o.ModalityValues)
                CheckValue(ParameterCatalog.PerModality[(int)v.Parameter], v.Value, $"AreaOverrides.{o.Area}.Modalities.{v.Modality}.{ParameterCatalog.PerModality[(int)v.Parameter].Name}", Add);
        }
        for (int i = 0; i < s.ParameterChanges.Length; i++)
        {
            var c = s.ParameterChanges[i];
            if (!InSpan(c.From)) Add($"ParameterChanges.{i}.From", c.From, $"must be {Span()}");
            if (!(c.Multiplier >= 0) || !double.IsFinite(c.Multiplier)) Add($"ParameterChanges.{i}.Multiplier", c.Multiplier, "must be a finite number >= 0");
            if (CheckAreaCount($"ParameterChanges.{i}.Areas", c.Areas))
                for (int j = 0; j < c.Areas.Length; j++) CheckArea($"ParameterChanges.{i}.Areas.{j}", c.Areas[j]);
        }
        // A target's area: England, a region of the area table or one of its DATs (a target for an area the run does not
        // hold is left out of that run, as one for a year outside it is).
        var regions = s.AreaData.Areas.Select(a => a.Region).Where(r => r.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < s.Targets.Length; i++)
            if (s.Targets[i].Area is { } area && !knownAreas.Contains(area) && !regions.Contains(area) && !area.Equals("England", StringComparison.OrdinalIgnoreCase) && areaNames.Count > 0)
                Add($"Targets.{i}.Area", area, $"unknown area{Suggestions.Hint(area, ["England", .. regions, .. areaNames])}; allowed: England, a region or a DAT of {s.DataFiles.Areas}");
        if (s.Targets.Select(t => t.Name).GroupBy(n => n, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1 && s.Targets.Where(t => t.Name.Equals(g.Key, StringComparison.OrdinalIgnoreCase)).Select(t => (t.Year, t.Modality, t.Area)).Distinct().Count() < g.Count()) is { } twice)
            Add("Targets", twice.Key, "names the same target twice for the same year, modality and area; give each its own Name");
        CheckChangedValues(s, Add);
        if (spend is { FixedPartTooHigh: true } && errors.Count == 0)
            Add("Parameters.CapacityMultiplier", s[ParameterId.CapacityMultiplier],
                $"the simulated areas would fund £{spend.FixedPartSpend.ToString("E2", CultureInfo.InvariantCulture)} of treatment a year even without growth ({spend.Given}, and the budgets in {s.DataFiles.Areas}); "
                + $"at most £{MaxAnnualSpendGbp.ToString("N0", CultureInfo.InvariantCulture)} a year is allowed, so CapacityMultiplier may be at most {Format(spend.CapacityBound)}");

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
        var knownBcus = bcuNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < r.Explicit.Length; i++)
        {
            var b = r.Explicit[i];
            if (!knownBcus.Contains(b.Bcu))
                Add($"Rollout.Bcus.{i}.Bcu", b.Bcu, $"unknown BCU{Suggestions.Hint(b.Bcu, bcuNames)}; BCUs are named in {s.DataFiles.Bcus}");
            if (!InSpan(b.Start)) Add($"Rollout.Bcus.{i}.Start", b.Start, $"must be {Span()}");
        }

        if (s.Policy.PresumptionAgainstBail is { } pab)
        {
            if (!InSpan(pab.Start)) Add("Policy.PresumptionAgainstBail.Start", pab.Start, $"must be {Span()}");
            if (CheckAreaCount("Policy.PresumptionAgainstBail.Areas", pab.Areas))
                for (int i = 0; i < pab.Areas.Length; i++) CheckArea($"Policy.PresumptionAgainstBail.Areas.{i}", pab.Areas[i]);
        }
        if (s.Policy.AftercareNational is { } ramp && ramp.FullBy < ramp.From)
            Add("Policy.AftercareNational.FullBy", ramp.FullBy, $"must be on or after Policy.AftercareNational.From ({ramp.From:yyyy-MM-dd})");
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

    /// <summary>
    /// The most treatment the simulated areas may fund in one year, in pounds: a thousand times England's whole 2005/06
    /// treatment spend (£374 million, seed 004) and more. It keeps every cost, place and count of a run far below the
    /// 2^44 the streaming summaries hold exactly (assumption: no scenario of England's treatment system needs more).
    /// </summary>
    public const double MaxAnnualSpendGbp = 1e12;

    /// <summary>
    /// Lowest and highest value <paramref name="value"/> can take in a run: its support, or for the unbounded families
    /// (Normal, Gamma, LogNormal, whose draws are truncated to the parameter's bounds) the bounds themselves.
    /// </summary>
    internal static (double Low, double High) Extent(Distribution value, ParameterInfo info)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        if (value.Kind is DistributionKind.Normal or DistributionKind.Gamma or DistributionKind.LogNormal) return (min, max);
        var (lo, hi) = value.Support;
        return (Math.Max(lo, min), Math.Min(hi, max));
    }

    /// <summary>The extent of a per-area parameter over the national value and every area override of it.</summary>
    internal static (double Low, double High) Extent(Scenario s, ParameterId id)
    {
        var info = ParameterCatalog.Scalars[(int)id];
        var (low, high) = Extent(s[id], info);
        foreach (var o in s.AreaOverrides)
            foreach (var (oid, value) in o.Values)
                if (oid == id)
                {
                    var (l, h) = Extent(value, info);
                    (low, high) = (Math.Min(low, l), Math.Max(high, h));
                }
        return (low, high);
    }

    /// <summary>
    /// ParameterChanges multiply a parameter; taken together (as if every change of it were in force at once, in one area)
    /// they must keep it within its bounds, as a value written directly must be. Shares are the exception the model
    /// defines: a share pushed above 1 is certainty. A multiplier of 0 on a parameter that must be positive (a prison stay)
    /// would otherwise divide by zero in the run.
    /// </summary>
    private static void CheckChangedValues(Scenario s, Action<string, object?, string> add)
    {
        var usable = s.ParameterChanges.Select((c, i) => (Change: c, Index: i)).Where(x => double.IsFinite(x.Change.Multiplier) && x.Change.Multiplier >= 0).ToList();
        foreach (var group in usable.Where(x => !x.Change.IsPerModality).GroupBy(x => x.Change.Parameter))
        {
            var (low, high) = Extent(s, group.Key);
            CheckChangedValue(ParameterCatalog.Scalars[(int)group.Key], low, high, "", [.. group], add);
        }
        // Per-modality parameters (issue 17 item 7): each modality's value with every change that touches it.
        foreach (var group in usable.Where(x => x.Change.IsPerModality).GroupBy(x => x.Change.PerModality!.Value))
        {
            var info = ParameterCatalog.PerModality[(int)group.Key];
            for (int m = 0; m < Modalities.Count && m < s.ModalityParameters.Length; m++)
            {
                var touching = group.Where(x => x.Change.Touches(group.Key, m)).ToList();
                if (touching.Count == 0) continue;
                var (low, high) = Extent(s.ModalityParameters[m][(int)group.Key], info);
                CheckChangedValue(info, low, high, $" in {Modalities.OutputName((Modality)m)}", touching, add);
            }
        }
    }

    /// <summary>One parameter's changes taken together against its bounds (see <see cref="CheckChangedValues"/>).</summary>
    private static void CheckChangedValue(ParameterInfo info, double low, double high, string where, List<(ParameterChange Change, int Index)> group, Action<string, object?, string> add)
    {
        var (min, max) = ParameterCatalog.Bounds(info);
        double up = group.Where(x => x.Change.Multiplier > 1).Aggregate(1.0, (p, x) => p * x.Change.Multiplier);
        double down = group.Where(x => x.Change.Multiplier < 1).Aggregate(1.0, (p, x) => p * x.Change.Multiplier);
        string others = group.Count > 1 ? $" (with the other changes of {info.Name}, {Format(group.Count)} in all, taken together)" : "";
        if (info.Range != ParameterRange.Probability && high > 0 && !(high * up <= max))
        {
            var worst = group.MaxBy(x => x.Change.Multiplier);
            double room = RoundDown(max / high / (up / worst.Change.Multiplier));
            add($"ParameterChanges.{worst.Index}.Multiplier", worst.Change.Multiplier,
                $"would raise {info.Name}{where} (as high as {Format(high)}) as far as {Format(high * up)}{others}, beyond its range [{Format(min)}, {Format(max)}] ({info.Unit}), so this multiplier may be at most {Format(room)}");
        }
        if (info.Range is ParameterRange.Positive or ParameterRange.Growth && down < 1 && !(low * down >= min))
        {
            var worst = group.MinBy(x => x.Change.Multiplier);
            double rest = group.Where(x => x.Index != worst.Index && x.Change.Multiplier < 1).Aggregate(1.0, (p, x) => p * x.Change.Multiplier);
            double room = RoundUp(min / low / rest);
            add($"ParameterChanges.{worst.Index}.Multiplier", worst.Change.Multiplier,
                $"would lower {info.Name}{where} (as low as {Format(low)}) as far as {Format(low * down)}{others}, below its range [{Format(min)}, {Format(max)}] ({info.Unit}), so this multiplier must be at least {Format(room)}");
        }
    }

    /// <summary>Rounded down to 4 significant digits: a stated upper bound that is itself allowed.</summary>
    internal static double RoundDown(double x) => RoundSignificant(x, Math.Floor);

    /// <summary>Rounded up to 4 significant digits: a stated lower bound that is itself allowed.</summary>
    internal static double RoundUp(double x) => RoundSignificant(x, Math.Ceiling);

    private static double RoundSignificant(double x, Func<double, double> round)
    {
        if (x == 0 || !double.IsFinite(x)) return x;
        double scale = Math.Pow(10, 3 - Math.Floor(Math.Log10(Math.Abs(x))));
        double r = round(x * scale) / scale;
        // Division by the scale can land a hair on the wrong side: step back inside.
        return round == Math.Floor ? (r > x ? Math.BitDecrement(r) : r) : (r < x ? Math.BitIncrement(r) : r);
    }

    private static void CheckValue(ParameterInfo info, Distribution value, string path, Action<string, object?, string> add, NarrowedBounds? narrowed = null)
    {
        var (min, max) = narrowed is { } n ? (n.Min, n.Max) : ParameterCatalog.Bounds(info);
        string allowed = narrowed is { } why ? $"{why.Describe} ({info.Unit}); {why.Reason}" : $"{ParameterCatalog.Describe(info)} ({info.Unit})";
        foreach (var problem in value.Problems())
        {
            add(path, value, problem);
            return;
        }
        if (value.Kind is DistributionKind.Normal or DistributionKind.Gamma or DistributionKind.LogNormal)
        {
            // Unbounded families: the mean must be allowed; the run truncates draws to the allowed values (the narrowed
            // ones too: the frozen model takes its bounds from the same SpendLimits).
            if (value.Mean < min || value.Mean > max) add(path, value, $"the mean must be {allowed}; draws are truncated to that range");
            return;
        }
        var (lo, hi) = value.Support;
        if (lo < min || hi > max)
            add(path, value, value.Kind == DistributionKind.Fixed
                ? $"must be {allowed}"
                : $"every draw must be {allowed}, but this distribution ranges over [{Format(lo)}, {Format(hi)}]");
    }

    private static string Format(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
