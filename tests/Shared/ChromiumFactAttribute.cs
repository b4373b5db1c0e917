namespace TreatmentFlowModel.Tests;

/// <summary>A fact that runs only where a Chromium (or Chrome) binary is installed, and says so when it is not.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>The browser found in CHROMIUM or on PATH, if any.</summary>
    public static string? Browser { get; } = Find();

    /// <summary>Skips the test, with the reason, where no browser is installed.</summary>
    public ChromiumFactAttribute()
    {
        if (Browser is null) Skip = "Chromium is not installed (apt-get install chromium, or set CHROMIUM to a browser binary); .ci/run installs it";
    }

    private static string? Find()
    {
        if (Environment.GetEnvironmentVariable("CHROMIUM") is { Length: > 0 } set && File.Exists(set)) return set;
        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" })
            foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        return null;
    }
}
