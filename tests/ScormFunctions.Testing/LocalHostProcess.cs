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

    private LocalHostProcess(Process process, Uri baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Client = NewClient(baseUrl);
    }

    /// <summary>
    /// A client that sends no traceparent, like an LMS outside the system: the host's server span roots each trace,
    /// whatever other tests in this process are listening to (an unsampled client span here would reach the host).
    /// </summary>
    private static HttpClient NewClient(Uri baseUrl) =>
        new(new SocketsHttpHandler { ActivityHeadersPropagator = null }) { BaseAddress = baseUrl };

    public Uri BaseUrl { get; }

    public HttpClient Client { get; }

    public int ProcessId => process.Id;

    /// <summary>The last lines the process wrote (stdout and stderr), for a failing test's message.</summary>
    public string RecentOutput => string.Join('\n', output.TakeLast(200));

    /// <summary>
    /// Every line the process has written to stdout and stderr so far (its console log), for tests that count what
    /// this process did. A SIGKILL loses whatever the logger had not flushed yet.
    /// </summary>
    public IReadOnlyCollection<string> Output => output;

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private void Keep(string? line)
    {
        if (line is not null) output.Enqueue(line);
    }

    /// <summary>
    /// What a test host process needs: Azurite with tables, containers and a task hub named by <paramref name="prefix"/>
    /// (a restarted process on the same prefix finds the same state), <paramref name="emulator"/> as SCORM Cloud, fresh
    /// keys, <c>http://127.0.0.1:{port}</c> as its public URL, and quick import polling. Add or override before starting.
    /// </summary>
    public static Dictionary<string, string?> Settings(EmulatorServer emulator, int port, string prefix)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        var settings = LocalHostServer.IsolatedSettings(prefix);
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["ScormCloud:BaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["ScormCloud:AppId"] = emulator.AppId,
            ["ScormCloud:SecretKey"] = emulator.SecretKey,
            ["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}",
            ["Imports:FirstPollDelay"] = "00:00:00.200",
            ["Imports:MaxPollDelay"] = "00:00:01",
            ["Durable:TaskHubName"] = prefix + "Hub",
            ["Durable:PartitionCount"] = "1",
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.500",
            ["Durable:MessageVisibilityTimeout"] = "00:00:05",
            ["Development:AzuriteBlobCors"] = "false",
        })
        {
            settings[key] = value;
        }
        return settings;
    }

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
        var host = new LocalHostProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => host.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilListeningAsync();
        return host;
    }

    /// <summary>A development token from the process's own endpoint.</summary>
    public async Task<HttpClient> ClientForAsync(string subject, params string[] roles)
    {
        var response = await Client.PostAsJsonAsync("api/dev/tokens", new { subject, roles });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("token").GetString();
        var client = NewClient(BaseUrl);
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
