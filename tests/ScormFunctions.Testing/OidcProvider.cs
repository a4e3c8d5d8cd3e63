using System.Diagnostics;
using System.Net.Sockets;

namespace ScormFunctions.Testing;

/// <summary>
/// The local OpenID Connect provider (tools/oidc, pinned oidc-provider) on a free 127.0.0.1 port, owned by the test:
/// installed and run through <c>scripts/oidc.sh run</c> (the script <c>scripts/run.sh</c> uses), for the SPA origins
/// given, with a short access token lifetime when a test wants to see renewals. It exits with the test process.
/// </summary>
public sealed class OidcProvider : IAsyncDisposable
{
    public const string ClientId = "scormfunctions-spa";

    /// <summary>The audience of the provider's access tokens (the API's application id URI, as in Entra ID).</summary>
    public const string Audience = "api://scormfunctions-test";

    private readonly Process process;

    private OidcProvider(Process process, Uri issuer)
    {
        this.process = process;
        Issuer = issuer;
    }

    /// <summary><c>http://127.0.0.1:{port}</c>, exactly as the tokens' <c>iss</c> spells it (no trailing slash).</summary>
    public Uri Issuer { get; }

    public string Authority => Issuer.GetLeftPart(UriPartial.Authority);

    /// <summary>The users of the login page and their local-only passwords (tools/oidc/provider.js).</summary>
    public static string PasswordOf(string user) => user + "-local";

    /// <summary><c>scripts/oidc.sh install</c>: npm ci from the lock file unless already done (also the SPA's library).</summary>
    public static async Task InstallAsync()
    {
        using var process = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "oidc.sh"), "install"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("Could not run scripts/oidc.sh.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"scripts/oidc.sh install failed: {await output}{await error}");
    }

    public static async Task<OidcProvider> StartAsync(IEnumerable<string> clientOrigins, TimeSpan accessTokenLifetime)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "scripts", "oidc.sh"), "run"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["OIDC_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["OIDC_CLIENT_ORIGINS"] = string.Join(",", clientOrigins);
        info.Environment["OIDC_AUDIENCE"] = Audience;
        info.Environment["OIDC_ACCESS_TOKEN_TTL"] = ((int)accessTokenLifetime.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["OIDC_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not run scripts/oidc.sh.");
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var provider = new OidcProvider(process, new Uri($"http://127.0.0.1:{port}"));
        // npm ci on a fresh machine can take a while; then the provider starts in about a second.
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                string text;
                lock (log) text = log.ToString();
                throw new InvalidOperationException($"The OIDC provider exited ({process.ExitCode}): {text}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(provider.Issuer, "/.well-known/openid-configuration"));
                if (response.IsSuccessStatusCode) return provider;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(200);
        }
        await provider.DisposeAsync();
        throw new TimeoutException("The OIDC provider did not start within 3 minutes.");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
