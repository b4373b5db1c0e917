using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TreatmentFlowModel.Tests;

/// <summary>
/// Headless Chromium driven over the DevTools protocol (a WebSocket, no extra package): open a page, run script in it,
/// wait for a condition, take screenshots, and collect the page's uncaught errors. Real time, real network: what an
/// analyst's browser does, for end-to-end tests.
/// </summary>
public sealed class DevToolsBrowser : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ClientWebSocket _socket = new();
    private readonly string _profile;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonNode>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _receiving;
    private int _nextId;

    /// <summary>Uncaught exceptions and console errors the page reported, in order.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private DevToolsBrowser(Process process, string profile, Uri page)
    {
        _process = process;
        _profile = profile;
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;
        _socket.ConnectAsync(page, CancellationToken.None).GetAwaiter().GetResult();
        _receiving = Task.Run(ReceiveLoop);
    }

    /// <summary>Starts <paramref name="browser"/> headless with a fresh profile and attaches to its first tab.</summary>
    /// <param name="browser">The Chromium binary.</param>
    /// <param name="width">Window width in CSS pixels.</param>
    /// <param name="height">Window height in CSS pixels.</param>
    public static async Task<DevToolsBrowser> LaunchAsync(string browser, int width = 1600, int height = 1200)
    {
        string profile = Directory.CreateTempSubdirectory("tfm-chromium-").FullName;
        var info = new ProcessStartInfo(browser) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-port=0",
                     $"--user-data-dir={profile}", $"--window-size={width},{height}", "about:blank" })
            info.ArgumentList.Add(a);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {browser}");
        _ = process.StandardOutput.ReadToEndAsync();
        string? endpoint = null;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
            while (endpoint is null)
            {
                string? line = await process.StandardError.ReadLineAsync(timeout.Token);
                if (line is null) throw new InvalidOperationException($"{browser} exited before opening the DevTools port");
                const string prefix = "DevTools listening on ";
                if (line.StartsWith(prefix, StringComparison.Ordinal)) endpoint = line[prefix.Length..].Trim();
            }
        _ = Task.Run(async () => { while (await process.StandardError.ReadLineAsync() is not null) { } });
        var port = new Uri(endpoint).Port;
        using var http = new HttpClient();
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var tab = targets.First(t => (string?)t!["type"] == "page")!;
        var browserSession = new DevToolsBrowser(process, profile, new Uri((string)tab["webSocketDebuggerUrl"]!));
        await browserSession.SendAsync("Page.enable");
        await browserSession.SendAsync("Runtime.enable");
        await browserSession.SendAsync("Emulation.setDeviceMetricsOverride", new { width, height, deviceScaleFactor = 1, mobile = false });
        return browserSession;
    }

    /// <summary>Sends a DevTools command and returns its result.</summary>
    public async Task<JsonNode> SendAsync(string method, object? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        byte[] message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, _stop.Token);
        var node = await reply.Task.WaitAsync(TimeSpan.FromSeconds(60));
        if (node["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
        return node["result"]!;
    }

    /// <summary>Opens <paramref name="url"/> in the tab.</summary>
    public Task NavigateAsync(Uri url) => SendAsync("Page.navigate", new { url = url.AbsoluteUri });

    /// <summary>Evaluates <paramref name="script"/> in the page (awaiting a promise it returns) and gives its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string script)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression = script, returnByValue = true, awaitPromise = true });
        if (result["exceptionDetails"] is { } failure) throw new InvalidOperationException($"script failed: {failure.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>Waits until <paramref name="condition"/> (a script expression) is true in the page; fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public async Task WaitForAsync(string condition, string what, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if ((await EvaluateAsync($"!!({condition})"))?.GetValue<bool>() == true) return;
            await Task.Delay(100);
        }
        throw new TimeoutException($"waited {timeout.TotalSeconds:0} s for {what}; the page's errors: {string.Join(" | ", Errors)}");
    }

    /// <summary>A PNG of the whole page (or its first <paramref name="maxHeight"/> pixels), written to <paramref name="path"/>.</summary>
    public async Task ScreenshotAsync(string path, int maxHeight = 6000)
    {
        var metrics = await SendAsync("Page.getLayoutMetrics");
        double width = (double)metrics["cssContentSize"]!["width"]!;
        double height = Math.Min(maxHeight, (double)metrics["cssContentSize"]!["height"]!);
        var shot = await SendAsync("Page.captureScreenshot", new { format = "png", captureBeyondViewport = true, clip = new { x = 0, y = 0, width, height, scale = 1 } });
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllBytesAsync(path, Convert.FromBase64String((string)shot["data"]!));
    }

    private async Task ReceiveLoop()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                message.SetLength(0);
                WebSocketReceiveResult received;
                do
                {
                    received = await _socket.ReceiveAsync(buffer, _stop.Token);
                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
                if (received.MessageType == WebSocketMessageType.Close) break;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length))!;
                if (node["id"] is { } id && _pending.TryRemove((int)id, out var reply)) reply.TrySetResult(node);
                else if ((string?)node["method"] == "Runtime.exceptionThrown")
                    Errors.Enqueue(node["params"]?["exceptionDetails"]?.ToJsonString() ?? "exception");
                else if ((string?)node["method"] == "Runtime.consoleAPICalled" && (string?)node["params"]?["type"] == "error")
                    Errors.Enqueue(node["params"]?["args"]?.ToJsonString() ?? "console error");
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The browser closed or the session ended.
        }
        foreach (var reply in _pending.Values) reply.TrySetCanceled();
    }

    /// <summary>Closes the browser and deletes its profile.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _receiving.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        _socket.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
