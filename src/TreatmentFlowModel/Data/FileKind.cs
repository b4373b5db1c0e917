namespace TreatmentFlowModel.Data;

/// <summary>What a path names in the file system, as far as reading it is concerned.</summary>
internal enum FileKind
{
    /// <summary>Nothing: the path does not exist (or a folder on the way to it is missing).</summary>
    Missing,
    /// <summary>An ordinary file: the only kind that is read.</summary>
    Regular,
    /// <summary>A folder.</summary>
    Directory,
    /// <summary>A named pipe: opening it for reading blocks until another process opens it for writing.</summary>
    NamedPipe,
    /// <summary>A character device such as /dev/zero or /dev/tty: may never end, or wait for a keyboard.</summary>
    CharacterDevice,
    /// <summary>A block device such as a disk.</summary>
    BlockDevice,
    /// <summary>A Unix domain socket.</summary>
    Socket,
    /// <summary>Exists, but the kind could not be told (no access to the folder that holds it).</summary>
    Unknown,
}
