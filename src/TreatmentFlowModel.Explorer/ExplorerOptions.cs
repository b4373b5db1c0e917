namespace TreatmentFlowModel.Explorer;

/// <summary>How <c>tfm serve</c> runs the explorer. Every default keeps it private to this machine.</summary>
public sealed record ExplorerOptions
{
    /// <summary>The address to listen on. <value>The default is 127.0.0.1: only this machine can connect.</value></summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 picks a free one. <value>The default is 5150.</value></summary>
    public int Port { get; init; } = 5150;

    /// <summary>Folders whose <c>*.json</c> scenarios the analyst may pick (not their subfolders); read by the server, never named by the browser.</summary>
    public IReadOnlyList<string> ScenarioFolders { get; init; } = [];

    /// <summary>More scenario files the analyst may pick.</summary>
    public IReadOnlyList<string> ScenarioFiles { get; init; } = [];

    /// <summary>Worker threads of each run. <value>The default is the number of processors.</value></summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Most replicates one run may ask for. <value>The default is 10,000.</value></summary>
    public int MaxReplicates { get; init; } = 10_000;

    /// <summary>Largest scenario file that may be uploaded, in bytes. <value>The default is 1 MiB.</value></summary>
    public long MaxUploadBytes { get; init; } = 1 << 20;

    /// <summary>The URL the explorer listens on, e.g. <c>http://127.0.0.1:5150</c>.</summary>
    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Every problem with these options, each naming the option and its value; empty when they can be used.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Port is < 0 or > 65535) problems.Add($"--port = '{Port}': must be a port number from 1 to 65535 (or 0 for any free port)");
        if (Threads < 1) problems.Add($"--threads = '{Threads}': must be at least 1");
        if (string.IsNullOrWhiteSpace(Host)) problems.Add("--host = '': must be an address such as 127.0.0.1");
        foreach (var folder in ScenarioFolders)
            if (!Directory.Exists(folder)) problems.Add($"--scenarios = '{folder}': folder not found");
        foreach (var file in ScenarioFiles)
            if (!File.Exists(file)) problems.Add($"scenario = '{file}': file not found");
        return problems;
    }
}
