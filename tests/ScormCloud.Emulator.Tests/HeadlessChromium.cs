using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// A minimal DevTools-protocol driver for a locally installed Chromium (Debian's <c>chromium-headless-shell</c> or
/// <c>chromium</c>). No browser is downloaded: tests using it are skipped where none is installed.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly Process process;
    private readonly ClientWebSocket socket = new();
    private readonly string profile;
    private int nextId;
    private string? sessionId;

    private HeadlessChromium(Process process, string profile)
    {
        this.process = process;
        this.profile = profile;
    }

    public static string? Find() =>
        new[] { "chromium-headless-shell", "chromium", "chromium-browser" }
            .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);

    public static async Task<HeadlessChromium> StartAsync(string executable)
    {
        var profile = Directory.CreateTempSubdirectory("emulator-chromium-").FullName;
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            ArgumentList = { "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank" },
        };
        var process = Process.Start(info)!;
        var browser = new HeadlessChromium(process, profile);
        string? line;
        while ((line = await process.StandardError.ReadLineAsync(Api.Ct)) is not null && !line.Contains("ws://", StringComparison.Ordinal))
        {
        }
        if (line is null) throw new InvalidOperationException("Chromium did not print its DevTools endpoint.");
        _ = process.StandardError.ReadToEndAsync(); // keep draining
        await browser.socket.ConnectAsync(new Uri(line[line.IndexOf("ws://", StringComparison.Ordinal)..].Trim()), Api.Ct);
        return browser;
    }

    /// <summary>Opens a page at <paramref name="url"/> and attaches to it.</summary>
    public async Task OpenAsync(string url)
    {
        var target = await SendAsync("Target.createTarget", new JsonObject { ["url"] = url });
        var attached = await SendAsync("Target.attachToTarget", new JsonObject { ["targetId"] = target["targetId"]!.GetValue<string>(), ["flatten"] = true });
        sessionId = attached["sessionId"]!.GetValue<string>();
    }

    /// <summary>Evaluates a JavaScript expression in the page (top frame) and returns its value as JSON.</summary>
    public async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true }, sessionId);
        return result["result"]?["value"];
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject parameters, string? session = null)
    {
        var id = ++nextId;
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters };
        if (session is not null) message["sessionId"] = session;
        await socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, Api.Ct);
        var buffer = new byte[1 << 16];
        while (true)
        {
            using var text = new MemoryStream();
            WebSocketReceiveResult received;
            do
            {
                received = await socket.ReceiveAsync(buffer, Api.Ct);
                text.Write(buffer, 0, received.Count);
            }
            while (!received.EndOfMessage);
            var reply = JsonNode.Parse(text.ToArray())!.AsObject();
            if (reply["id"]?.GetValue<int>() != id) continue; // an event
            if (reply["error"] is { } error) throw new InvalidOperationException($"{method}: {error.ToJsonString()}");
            return reply["result"]?.AsObject() ?? [];
        }
    }

    public async ValueTask DisposeAsync()
    {
        socket.Dispose();
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // Chromium may still be flushing its profile
        }
    }
}
