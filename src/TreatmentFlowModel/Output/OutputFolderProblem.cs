namespace TreatmentFlowModel.Output;

/// <summary>Why an output folder cannot be used (see <see cref="OutputFolderException"/>).</summary>
public enum OutputFolderProblem
{
    /// <summary>The folder exists and replacing it was not asked for.</summary>
    Exists,
    /// <summary>The path names a file, not a folder.</summary>
    IsAFile,
    /// <summary>A file stands where one of its parent folders should be.</summary>
    UnderAFile,
    /// <summary>The path is empty, the root, <c>.</c> or <c>..</c>, or not a path at all.</summary>
    NotAFolderPath,
    /// <summary>The folder name (or a folder on the way to it) is longer than file systems allow, counting what tfm names after it.</summary>
    NameTooLong,
    /// <summary>The folder, or its parent, cannot be created or written (no permission, a read-only or full disk).</summary>
    CannotWrite,
    /// <summary>Another process is writing the folder (or its checkpoint); it can be used once that one has finished.</summary>
    InUse,
}
