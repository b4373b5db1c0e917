using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TreatmentFlowModel.Explorer.Components;

namespace TreatmentFlowModel.Explorer;

/// <summary>
/// The explorer's web server: Blazor components rendered and kept interactive on the server, the static files
/// (Plotly's script, the style sheet) and the downloads. Listens on 127.0.0.1 unless told otherwise; keeps nothing on
/// disk beyond the temporary files of downloads (its keys live in memory).
/// </summary>
public static class ExplorerServer
{
    /// <summary>Builds the server for <paramref name="options"/>; start it with <c>StartAsync</c> or <c>RunAsync</c>.</summary>
    /// <param name="options">Address, port, scenarios offered and run limits.</param>
    /// <param name="applicationName">The host program's assembly name, which names its static-asset manifest (<c>tfm</c> for the command line).</param>
    public static WebApplication Build(ExplorerOptions options, string applicationName)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = applicationName,
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        // Serve the packages' files (Plotly, blazor.web.js) from the build output as well as from a published tool.
        builder.WebHost.UseStaticWebAssets();
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<ScenarioLibrary>();
        builder.Services.AddSingleton<DownloadStore>();

        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapGet("/download/{token}/{file}", (string token, string file, DownloadStore store) =>
        {
            if (store.Get(token, file) is not { } bytes) return Results.NotFound();
            string stem = SafeStem(store.NameOf(token) ?? "run");
            string contentType = file switch
            {
                _ when file.EndsWith(".csv", StringComparison.Ordinal) => "text/csv; charset=utf-8",
                _ when file.EndsWith(".json", StringComparison.Ordinal) => "application/json; charset=utf-8",
                _ => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            };
            return Results.File(bytes, contentType, $"{stem}-{file}");
        });
        return app;
    }

    /// <summary>The address the started server listens on (with the port chosen when <see cref="ExplorerOptions.Port"/> is 0).</summary>
    public static Uri Address(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        string first = addresses?.FirstOrDefault() ?? throw new InvalidOperationException("the server is not listening yet");
        return new Uri(first.EndsWith('/') ? first : first + "/");
    }

    private static string SafeStem(string name)
    {
        var clean = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
        return clean.Length == 0 ? "run" : clean;
    }
}
