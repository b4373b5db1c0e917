namespace TreatmentFlowModel.Output;

/// <summary>One column of an output CSV file, as codebook.csv describes it.</summary>
/// <param name="File">The file, e.g. <c>annual.csv</c>.</param>
/// <param name="Name">The column name (snake_case), as in the file's header.</param>
/// <param name="Unit">Its unit, or "metric" where the row's metric gives it.</param>
/// <param name="Decimals">Decimal places written: a number, "metric" (the row's metric's, from the metric codebook) or empty for text.</param>
/// <param name="Meaning">What it holds.</param>
public sealed record OutputColumn(string File, string Name, string Unit, string Decimals, string Meaning);
