namespace TreatmentFlowModel.Calibration.Abc;

/// <summary>What a parameter or observation name must be to stand as a plain cell of the posterior CSV.</summary>
internal static class NameRules
{
    /// <summary>Why <paramref name="name"/> cannot be used, or null when it can.</summary>
    public static string? Problem(string? name)
    {
        if (string.IsNullOrEmpty(name)) return "is empty";
        if (name.IndexOfAny([',', '"', '\r', '\n']) >= 0) return "contains a comma, a quote or a line break";
        if (name[0] == '#') return "starts with '#'";
        if (char.IsWhiteSpace(name[0]) || char.IsWhiteSpace(name[^1])) return "starts or ends with a space";
        return null;
    }

    /// <summary>Whether <paramref name="name"/> is one of the posterior file's own columns.</summary>
    public static bool IsReservedColumn(string name) => name is AbcPosteriorCsv.WeightColumn or AbcPosteriorCsv.DistanceColumn;
}
