using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;

namespace ScormFunctions.Testing;

/// <summary>
/// The local host as a separate OS process (<c>dotnet ScormFunctions.LocalHost.dll</c>), so a test can kill it with
/// SIGKILL — no graceful stop, no lease released, no in-memory message handed back — and start another on the same state.
/// Settings are passed as environment variables (<c>Section__Key</c>).
/// </summary>
public sealed class LocalHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output;

    private LocalHostProcess(Process process, ConcurrentQueue<string> output, Uri baseUrl)
    {
        this.process = process;
        this.output = output;
        BaseUrl = baseUrl;
        Client = new HttpClient { BaseAddress = baseUrl };
    }

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public int ProcessId => process.Id;

    /// <summary>
    /// Every line the process has written to stdout and stderr so far (its console log), for tests that count what
    /// this process did. A SIGKILL loses whatever the logger had not flushed yet.
    /// </summary>
    public IReadOnlyCollection<string> Output => output;

    public static async Task<LocalHostProcess> StartAsync(int port, IReadOnlyDictionary<string, string?> settings)
    {
        var dll = typeof(LocalHost.LocalHostApp).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the local host process.");
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new LocalHostProcess(process, output, new Uri($"http://127.0.0.1:{port}/"));
        await host.WaitUntilListeningAsync();
        return host;
    }

    /// <summary>A development token from the process's own endpoint.</summary>
    public async Task<HttpClient> ClientForAsync(string subject, params string[] roles)
    {
        var response = await Client.PostAsJsonAsync("api/dev/tokens", new { subject, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        var client = new HttpClient { BaseAddress = BaseUrl };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL on Linux: the process ends at once, mid-whatever.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!process.HasExited) await KillAsync();
        process.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The local host process exited with code {process.ExitCode} while starting.");
            try
            {
                using var response = await Client.GetAsync("api/health");
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < until)
            {
                await Task.Delay(200);
            }
        }
    }
}
