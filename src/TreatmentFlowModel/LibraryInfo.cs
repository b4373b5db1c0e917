using System.Reflection;

namespace TreatmentFlowModel;

/// <summary>Facts about this build of the library, for every output that records what made it.</summary>
public static class LibraryInfo
{
    /// <summary>The library version (the package version, without build metadata), written into every output.</summary>
    public static string Version { get; } =
        typeof(LibraryInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
