namespace TreatmentFlowModel.Data;

/// <summary>What <see cref="InputFile.Read"/> found: the bytes, or why there are none.</summary>
/// <param name="Bytes">The whole file; null when it could not be read.</param>
/// <param name="Kind">What the path names; <see cref="FileKind.Missing"/> when nothing is there.</param>
/// <param name="Problem">Why the file could not be read, as a phrase for a message; null when it was.</param>
internal readonly record struct InputFileContent(byte[]? Bytes, FileKind Kind, string? Problem);
