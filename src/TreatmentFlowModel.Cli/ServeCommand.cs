using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using TreatmentFlowModel.Explorer;

namespace TreatmentFlowModel.Cli;

/// <summary><c>tfm serve [scenario...]</c>: starts the interactive explorer in the browser, on this machine only unless told otherwise.</summary>
internal static class ServeCommand
{
    /// <summary>The assembly name of the tool, which names its static-asset manifest.</summary>
    private const string ApplicationName = "tfm";

    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var files = CommonOptions.ScenarioFiles(ArgumentArity.ZeroOrMore, "Scenario files to offer besides the embedded default and the scenarios folder.");
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port).", DefaultValueFactory = _ => new ExplorerOptions().Port };
        var host = new Option<string>("--host") { Description = "Address to listen on. The default, 127.0.0.1, lets only this machine connect.", DefaultValueFactory = _ => new ExplorerOptions().Host };
        var folders = new Option<string[]>("--scenarios") { Description = "Folder of scenario files (*.json) to offer; repeatable. Default: ./scenarios when it exists." };
        var threads = CommonOptions.Threads();
        var command = new Command("serve", "Start the interactive explorer: pick a scenario, move the levers, run, compare, download. Open the address it prints.")
        {
            files, port, host, folders, threads,
        };
        command.SetAction((p, cancel) => Run(new ExplorerOptions
        {
            Port = p.GetValue(port),
            Host = p.GetValue(host) ?? "127.0.0.1",
            ScenarioFolders = p.GetValue(folders) is { Length: > 0 } given ? given : Directory.Exists("scenarios") ? ["scenarios"] : [],
            ScenarioFiles = p.GetValue(files) ?? [],
            Threads = p.GetValue(threads),
        }, stdout, stderr, cancel));
        return command;
    }

    private static async Task<int> Run(ExplorerOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancel)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            foreach (var problem in problems) stderr.WriteLine($"tfm: {problem}");
            return ExitCodes.BadInput;
        }
        WebApplication app;
        try
        {
            app = ExplorerServer.Build(options, ApplicationName);
            await app.StartAsync(cancel);
        }
        catch (IOException e) when (e.InnerException is SocketException or null && e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            stderr.WriteLine($"tfm: --port = '{options.Port}': cannot listen on {options.Url} ({e.Message}); choose another port with --port N, or --port 0 for any free one");
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is SocketException or FormatException or UriFormatException)
        {
            stderr.WriteLine($"tfm: --host = '{options.Host}': cannot listen on {options.Url} ({e.Message})");
            return ExitCodes.BadInput;
        }
        await using (app)
        {
            var address = ExplorerServer.Address(app);
            stdout.WriteLine($"TreatmentFlowModel explorer: {address}");
            stdout.WriteLine(IsLoopback(options.Host)
                ? "Only this machine can connect. Press Ctrl+C to stop."
                : $"Listening on {options.Host}: anyone who can reach this machine on port {address.Port} can use the explorer. Press Ctrl+C to stop.");
            stdout.Flush();
            try
            {
                await app.WaitForShutdownAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C or SIGTERM: the normal way to stop a server.
            }
        }
        return ExitCodes.Ok;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
}
