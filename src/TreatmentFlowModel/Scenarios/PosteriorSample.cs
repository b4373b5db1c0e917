using System.Collections.Immutable;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using TreatmentFlowModel.Model;

namespace TreatmentFlowModel.Scenarios;

/// <summary>
/// A calibration posterior a scenario forecasts from (the <c>Posterior</c> key: the CSV <c>tfm calibrate</c> writes):
/// weighted parameter sets over some scalar parameters (<c>OtherReferralPerYear</c>) and per-modality ones
/// (<c>SpecialistPrescribing.ExitHazardMultiplier</c>). Each stochastic replicate draws one set with probability equal
/// to its weight (keyed by the scenario seed and the replicate, as the ABC code's posterior draw), so every band carries
/// calibration uncertainty; the deterministic mode uses the posterior mean. Parameters it does not name keep their
/// scenario distributions.
/// </summary>
/// <param name="Source">Where it was read from (a path, or <c>embedded:</c> name), as written in resolved scenarios.</param>
/// <param name="Names">The parameters, in the columns' order.</param>
/// <param name="Particles">The parameter sets.</param>
/// <param name="Weights">Each set's weight (they sum to 1).</param>
/// <param name="FitReportCsv">The calibration's fit report (<c>name-fit.csv</c> beside the posterior), or null when there is none.</param>
public sealed record PosteriorSample(string Source, ImmutableArray<string> Names, ImmutableArray<ImmutableArray<double>> Particles,
    ImmutableArray<double> Weights, string? FitReportCsv)
{
    /// <summary>
    /// The fit report of the out-of-sample check (the calibration on early data only, <c>tfm calibrate --fit-until</c>,
    /// written as <c>name-out-of-sample.csv</c> beside the posterior, whose report is <c>name-out-of-sample-fit.csv</c>), or null.
    /// </summary>
    public string? OutOfSampleCsv { get; init; }

    /// <summary>The weighted posterior mean of parameter <paramref name="index"/>.</summary>
    public double Mean(int index)
    {
        double sum = 0;
        for (int i = 0; i < Particles.Length; i++) sum += Weights[i] * Particles[i][index];
        return sum;
    }

    /// <summary>A hash of the particles and weights, so runs from different posteriors never share a fingerprint.</summary>
    public string ContentHash()
    {
        var text = new StringBuilder(string.Join(",", Names));
        for (int i = 0; i < Particles.Length; i++)
            text.Append('|').Append(Weights[i].ToString("R", CultureInfo.InvariantCulture)).Append(':').AppendJoin(',', Particles[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }

    /// <summary>
    /// The scalar parameter, or the modality and per-modality parameter, a column name stands for; null when it is
    /// neither (the message says what is allowed).
    /// </summary>
    public static (ParameterId? Scalar, Modality Modality, ModalityParameterId PerModality)? Resolve(string name, out string? problem)
    {
        problem = null;
        int dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            if (ParameterCatalog.FindScalar(name) is { } id) return (id, default, default);
            problem = $"'{name}' is not a scalar parameter{Suggestions.Hint(name, ParameterCatalog.Scalars.Select(s => s.Name))} (a per-modality one is written Modality.Parameter)";
            return null;
        }
        if (!Enum.TryParse<Modality>(name[..dot], ignoreCase: false, out var m) || !Enum.IsDefined(m))
        {
            problem = $"'{name[..dot]}' is not a modality; allowed: {string.Join(", ", Enum.GetNames<Modality>())}";
            return null;
        }
        for (int i = 0; i < ParameterCatalog.PerModality.Count; i++)
            if (ParameterCatalog.PerModality[i].Name == name[(dot + 1)..]) return (null, m, (ModalityParameterId)i);
        problem = $"'{name[(dot + 1)..]}' is not a per-modality parameter{Suggestions.Hint(name[(dot + 1)..], ParameterCatalog.PerModality.Select(s => s.Name))}";
        return null;
    }

    /// <summary>
    /// Reads the particle table of a posterior CSV ('#' lines skipped; header <c>weight,distance,name...</c>), checking
    /// every name, number, weight and value against the parameter's range; problems go to <paramref name="errors"/>
    /// with the file and line, and the result is then null.
    /// </summary>
    public static PosteriorSample? Parse(string text, string source, string? fitReportCsv, List<ScenarioError> errors)
    {
        int before = errors.Count;
        void Error(int line, string? value, string message) => errors.Add(new ScenarioError(source, $"line {line}", value, message));
        var lines = text.Split('\n');
        string[]? header = null;
        var targets = new List<(ParameterId? Scalar, Modality Modality, ModalityParameterId PerModality)>();
        var particles = new List<ImmutableArray<double>>();
        var weights = new List<double>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#') continue;
            var cells = line.Split(',');
            if (header is null)
            {
                header = cells;
                if (cells.Length < 3 || cells[0] != "weight" || cells[1] != "distance")
                {
                    Error(i + 1, line, "the header must be weight,distance, then one column per parameter (the posterior CSV 'tfm calibrate' writes)");
                    return null;
                }
                foreach (var name in cells.Skip(2))
                    if (Resolve(name, out var problem) is { } t) targets.Add(t);
                    else Error(i + 1, name, problem!);
                if (cells.Skip(2).Distinct(StringComparer.Ordinal).Count() != cells.Length - 2) Error(i + 1, line, "a parameter is named twice");
                continue;
            }
            if (cells.Length != header.Length)
            {
                Error(i + 1, line, $"{cells.Length} cells; the header has {header.Length}");
                continue;
            }
            var values = new double[cells.Length];
            bool ok = true;
            for (int c = 0; c < cells.Length; c++)
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) || !double.IsFinite(values[c]))
                {
                    Error(i + 1, cells[c], $"column {header[c]}: a finite number");
                    ok = false;
                }
            if (!ok) continue;
            if (!(values[0] >= 0)) Error(i + 1, cells[0], "weight: a number >= 0");
            for (int c = 2; c < cells.Length && errors.Count == before; c++)
            {
                var t = targets[c - 2];
                var info = t.Scalar is { } id ? ParameterCatalog.Scalars[(int)id] : ParameterCatalog.PerModality[(int)t.PerModality];
                var (min, max) = ParameterCatalog.Bounds(info);
                if (values[c] < min || values[c] > max) Error(i + 1, cells[c], $"{header[c]}: {ParameterCatalog.Describe(info)}");
            }
            weights.Add(values[0]);
            particles.Add([.. values.Skip(2)]);
        }
        if (header is null) errors.Add(new ScenarioError(source, "", null, "no particle table (header weight,distance,parameters...)"));
        else if (particles.Count == 0 && errors.Count == before) errors.Add(new ScenarioError(source, "", null, "no particles under the header"));
        else if (errors.Count == before && Math.Abs(weights.Sum() - 1) > 1e-6)
            errors.Add(new ScenarioError(source, "weight", weights.Sum().ToString("R", CultureInfo.InvariantCulture), "the weights must sum to 1"));
        if (errors.Count > before) return null;
        return new PosteriorSample(source, [.. header!.Skip(2)], [.. particles], [.. weights], fitReportCsv);
    }
}
