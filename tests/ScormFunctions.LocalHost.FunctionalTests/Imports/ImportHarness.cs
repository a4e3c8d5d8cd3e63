using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormFunctions.LocalHost.FunctionalTests.Imports;

/// <summary>
/// The local host (real HTTP, Azurite, the Durable Task engine on Azurite) wired to an in-process SCORM Cloud emulator, with helpers that
/// upload exactly as a SPA would: PUT to the returned SAS URL (single shot, or Put Block + Put Block List).
/// The storage names are fixed per harness so <see cref="RestartAsync"/> brings up a new host on the same state.
/// </summary>
public sealed class ImportHarness : IAsyncDisposable
{
    // Azurite (Node) closes idle keep-alive connections after 5 s; drop them sooner so a PUT never lands on a closed one.
    private static readonly HttpClient Storage = new(new SocketsHttpHandler { PooledConnectionIdleTimeout = TimeSpan.FromSeconds(2) });
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IServiceCollection>? services;

    private ImportHarness(EmulatorServer emulator, LocalHostServer server, HttpClient admin, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        this.services = services;
        Emulator = emulator;
        Server = server;
        Admin = admin;
        this.settings = settings;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public EmulatorServer Emulator { get; }

    public LocalHostServer Server { get; private set; }

    /// <summary>The table prefix shared by every host this harness starts.</summary>
    public string TablePrefix => settings["Storage:TablePrefix"]!;

    /// <summary>An admin client on the current host.</summary>
    public HttpClient Admin { get; private set; }

    /// <param name="emulatorSettings">E.g. <c>Emulator:ImportDuration</c> or <c>Emulator:Faults:*</c>.</param>
    /// <param name="hostSettings">Overrides of the host's settings (Imports:*, ...).</param>
    /// <param name="publicPort">Listen on a fixed free port and use it as App:PublicBaseUrl, so SCORM Cloud's postbacks reach the host.</param>
    /// <param name="services">Extra services of every host this harness starts (e.g. an in-memory telemetry exporter).</param>
    public static async Task<ImportHarness> StartAsync(
        Action<IDictionary<string, string?>>? emulatorSettings = null,
        IDictionary<string, string?>? hostSettings = null,
        bool publicPort = false,
        Action<IServiceCollection>? services = null)
    {
        var emulator = await EmulatorServer.StartAsync(emulatorSettings);
        var prefix = "i" + Guid.NewGuid().ToString("N")[..10];
        var all = new Dictionary<string, string?>
        {
            ["Storage:TablePrefix"] = prefix,
            ["Storage:UploadsContainer"] = prefix + "-uploads",
            ["Storage:ArchiveContainer"] = prefix + "-postbacks",
            ["ScormCloud:BaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["ScormCloud:AppId"] = emulator.AppId,
            ["ScormCloud:SecretKey"] = emulator.SecretKey,
            ["ScormCloud:RetryBaseDelay"] = "00:00:00.050",
            ["Imports:FirstPollDelay"] = "00:00:00.200",
            ["Imports:MaxPollDelay"] = "00:00:01",
            ["Imports:ActivityFirstRetryInterval"] = "00:00:00.200",
            ["Imports:ActivityMaxRetryInterval"] = "00:00:01",
            ["Durable:MaxQueuePollingInterval"] = "00:00:00.500",
            // Messages a stopped or killed host had fetched come back after this (Durable Functions: 5 minutes).
            ["Durable:MessageVisibilityTimeout"] = "00:00:05",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ScormFunctions"] = "Information",
        };
        if (publicPort)
        {
            var port = FreePort();
            all["urls"] = $"http://127.0.0.1:{port}";
            all["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        }
        foreach (var (key, value) in hostSettings ?? new Dictionary<string, string?>()) all[key] = value;
        var server = await LocalHostServer.StartAsync(all, services: services);
        return new ImportHarness(emulator, server, await server.ClientForAsync("ada", "admin"), all, services);
    }

    /// <summary>Stops the host (its Durable worker releases its partition leases) and starts a new one on the same tables and containers.</summary>
    public async Task RestartAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        Server = await LocalHostServer.StartAsync(settings, services: services);
        Admin = await Server.ClientForAsync("ada", "admin");
    }

    public async Task<JsonElement> RequestUploadAsync(string courseId)
    {
        var response = await Admin.PostAsync($"api/courses/{Uri.EscapeDataString(courseId)}/uploads", null, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>One Put Blob with the headers the upload response lists.</summary>
    public static async Task PutAsync(JsonElement upload, string packagePath)
    {
        await using var file = File.OpenRead(packagePath);
        using var request = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("uploadUrl").GetString()) { Content = new StreamContent(file) };
        foreach (var header in upload.GetProperty("headers").EnumerateObject())
        {
            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }
        using var response = await Storage.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>Put Block for each <paramref name="blockSize"/> slice, then Put Block List, as a SPA does for large files.</summary>
    public static async Task<int> PutBlocksAsync(JsonElement upload, string packagePath, int blockSize)
    {
        var url = upload.GetProperty("uploadUrl").GetString()!;
        var bytes = await File.ReadAllBytesAsync(packagePath, Ct);
        var ids = new List<string>();
        for (var offset = 0; offset < bytes.Length; offset += blockSize)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(ids.Count.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)));
            ids.Add(id);
            using var block = new ByteArrayContent(bytes, offset, Math.Min(blockSize, bytes.Length - offset));
            using var put = await Storage.PutAsync($"{url}&comp=block&blockid={Uri.EscapeDataString(id)}", block, Ct);
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        }
        var list = "<?xml version=\"1.0\" encoding=\"utf-8\"?><BlockList>" + string.Concat(ids.Select(i => $"<Latest>{i}</Latest>")) + "</BlockList>";
        using var commit = new HttpRequestMessage(HttpMethod.Put, $"{url}&comp=blocklist") { Content = new StringContent(list, Encoding.UTF8, "application/xml") };
        commit.Headers.TryAddWithoutValidation("x-ms-blob-content-type", "application/zip");
        using var committed = await Storage.SendAsync(commit, Ct);
        Assert.Equal(HttpStatusCode.Created, committed.StatusCode);
        return ids.Count;
    }

    public Task<HttpResponseMessage> StartImportAsync(string courseId, string uploadId, string? mode = null, bool? mayCreateNewVersion = null) =>
        Admin.PostAsJsonAsync($"api/courses/{Uri.EscapeDataString(courseId)}/imports", new { uploadId, mode, mayCreateNewVersion }, Ct);

    /// <summary>Upload URL → PUT → start; returns the start response.</summary>
    public async Task<(HttpResponseMessage Response, string UploadId)> UploadAndStartAsync(string courseId, string package, string? mode, bool? mayCreateNewVersion = null)
    {
        var upload = await RequestUploadAsync(courseId);
        await PutAsync(upload, RepoPaths.Package(package));
        var uploadId = upload.GetProperty("uploadId").GetString()!;
        return (await StartImportAsync(courseId, uploadId, mode, mayCreateNewVersion), uploadId);
    }

    public async Task<JsonElement> GetImportAsync(string courseId, string importId)
    {
        var response = await Admin.GetAsync($"api/courses/{Uri.EscapeDataString(courseId)}/imports/{importId}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Polls the import's status URL until it is no longer running.</summary>
    public async Task<JsonElement> WaitForImportAsync(string courseId, string importId, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var import = await GetImportAsync(courseId, importId);
            if (import.GetProperty("status").GetString() != "running") return import;
            Assert.True(DateTime.UtcNow < until, $"import {importId} of {courseId} still running: {import}");
            await Task.Delay(100, Ct);
        }
    }

    public async Task<JsonElement?> GetCourseAsync(string courseId)
    {
        var response = await Admin.GetAsync($"api/courses/{Uri.EscapeDataString(courseId)}", Ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Server.DisposeAsync();
        await Emulator.DisposeAsync();
    }

    public static string NewCourseId(string hint) => $"{hint}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
