using Microsoft.Playwright;
using ScormFunctions.Testing;

namespace ScormFunctions.Browser.Tests;

/// <summary>
/// One headless Chromium (the system's, never a Playwright download) and one local system for the test class: the local
/// OpenID Connect provider (tools/oidc, short-lived access tokens so renewals happen mid-test) and the local host
/// trusting it through its discovery document and keys, with no development key. Each test opens its own browser
/// contexts, so sessions (sessionStorage tokens, the provider's cookies) never leak between tests.
/// When Chromium is missing the tests skip, or fail on CI (<c>CI</c> set), with how to install it.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string InstallHint = "install chromium (apt-get install chromium)";

    /// <summary>Debian's Chromium; <c>CHROMIUM_PATH</c> points elsewhere.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path
        ? path
        : "/usr/bin/chromium";

    /// <summary>The flags of a quiet, offline, sandbox-less headless run (tests run as root in CI).</summary>
    public static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage",
    ];

    /// <summary>Access tokens live this long, so a test sees them renewed (and expire) mid-session.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromSeconds(20);

    /// <summary>The app renews the access token this many seconds before it expires.</summary>
    public const int RenewSecondsBeforeExpiry = 8;

    private IPlaywright? playwright;

    private OidcProvider? oidc;

    private LocalHostServer? system;

    private IBrowser? browser;

    /// <summary><c>artifacts/browser-screenshots/</c> at the repository root.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepoPaths.Root, "artifacts", "browser-screenshots");

    public LocalHostServer System => system ?? throw new InvalidOperationException("The system did not start.");

    public OidcProvider Oidc => oidc ?? throw new InvalidOperationException("The OIDC provider did not start.");

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The browser did not start.");

    public bool HasChromium => File.Exists(ChromiumPath);

    public async ValueTask InitializeAsync()
    {
        if (!HasChromium) return;
        Directory.CreateDirectory(ScreenshotDirectory);
        // The whole local system on 127.0.0.1: the OIDC provider, Azurite, an in-process emulator, and the local host
        // serving the SPA. The host's port is chosen first: the provider registers the app's redirect URIs on it.
        var port = OidcProvider.FreePort();
        oidc = await OidcProvider.StartAsync([$"http://127.0.0.1:{port}"], AccessTokenLifetime);
        system = await LocalHostServer.StartAsync(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:ScormFunctions"] = "Information",
            // The production path: issuer + audience, keys from the provider's discovery document (Auth:MetadataAddress
            // defaults to {Oidc:Authority}/.well-known/openid-configuration). No development key: /api/dev/tokens asks
            // the provider for tokens too.
            ["Oidc:Authority"] = oidc.Authority,
            ["Oidc:RenewSecondsBeforeExpiry"] = RenewSecondsBeforeExpiry.ToString(global::System.Globalization.CultureInfo.InvariantCulture),
            ["Auth:Issuer"] = oidc.Authority,
            ["Auth:Audience"] = OidcProvider.Audience,
            ["Auth:DevelopmentSigningKey"] = "",
            // Result events to the host's development webhook, shown in the admin view's "Events received" card.
            ["DevEvents:Inbox"] = "true",
            // Learners get the Retake button too (admins always do).
            ["Registrations:LearnerMayRetake"] = "true",
        }, port: port, blobCors: true);
        playwright = await Playwright.CreateAsync();
        // Playwright gives every launch a fresh temporary user-data directory of its own.
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = Args,
            Timeout = 60_000,
        });
    }

    /// <summary>Call first in every test: skips (or fails on CI) without Chromium.</summary>
    public void RequireBrowser()
    {
        if (HasChromium) return;
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))) Assert.Fail($"{ChromiumPath} not found: {InstallHint}");
        Assert.Skip($"{ChromiumPath} not found: {InstallHint}");
    }

    /// <summary>A new context (own cookies and storage) with a page on the SPA.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = System.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null) await browser.DisposeAsync();
        playwright?.Dispose();
        if (system is not null) await system.DisposeAsync();
        if (oidc is not null) await oidc.DisposeAsync();
    }
}
