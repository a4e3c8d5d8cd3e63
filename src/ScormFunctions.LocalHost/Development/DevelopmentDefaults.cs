using System.Security.Cryptography;
using System.Text.Json;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// Development-only defaults: <c>App:PublicBaseUrl</c> (the local host's own <see cref="PublicBaseUrl"/>), random signing
/// keys, kept in <c>.localdata/dev-keys.json</c> (git-ignored) so that postback credentials and tokens survive a restart
/// of the local host, and how bearer tokens are validated:
/// <list type="bullet">
/// <item>with <c>Oidc:Authority</c> (the local OpenID Connect provider, <c>scripts/oidc.sh</c>): the production path,
/// <c>Auth:Issuer</c> = the authority and <c>Auth:MetadataAddress</c> = its discovery document, no development key;
/// development tokens then come from the provider (<see cref="DevTokenEndpoints"/>);</item>
/// <item>otherwise: development tokens signed with a development key.</item>
/// </list>
/// Explicit configuration always wins.
/// </summary>
public static class DevelopmentDefaults
{
    public const string Issuer = "https://scormfunctions.local/dev";
    public const string Audience = "api://scormfunctions";

    /// <summary>Where <c>scripts/run.sh</c> serves the local host (launchSettings.json too).</summary>
    public const string PublicBaseUrl = "http://127.0.0.1:7071";

    /// <summary>The local OpenID Connect provider's issuer URL (e.g. <c>http://127.0.0.1:7073</c>).</summary>
    public const string OidcAuthorityKey = "Oidc:Authority";

    /// <summary>The local provider's issuer without a trailing slash, or null when none is configured.</summary>
    public static string? OidcAuthority(IConfiguration configuration) =>
        configuration[OidcAuthorityKey] is { Length: > 0 } authority ? authority.TrimEnd('/') : null;

    public static void Apply(ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        var keys = LoadOrCreateKeys(configuration["LocalData:Path"] ?? Path.Combine(FindRepoRoot(environment.ContentRootPath), ".localdata"));
        var defaults = new Dictionary<string, string?>
        {
            ["App:PublicBaseUrl"] = PublicBaseUrl,
            ["Auth:Audience"] = Audience,
            ["Signing:LaunchKey"] = keys["launch"],
            ["Signing:PostbackKey"] = keys["postback"],
        };
        if (OidcAuthority(configuration) is { } authority)
        {
            defaults["Auth:Issuer"] = authority;
            defaults["Auth:MetadataAddress"] = authority + "/.well-known/openid-configuration";
        }
        else
        {
            defaults["Auth:Issuer"] = Issuer;
            defaults["Auth:DevelopmentSigningKey"] = keys["token"];
        }
        foreach (var (key, value) in defaults)
        {
            if (string.IsNullOrEmpty(configuration[key])) configuration[key] = value;
        }
    }

    private static Dictionary<string, string> LoadOrCreateKeys(string directory)
    {
        var path = Path.Combine(directory, "dev-keys.json");
        if (File.Exists(path) && JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path)) is { Count: 3 } existing)
        {
            return existing;
        }
        Directory.CreateDirectory(directory);
        var created = new[] { "token", "launch", "postback" }
            .ToDictionary(k => k, _ => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        File.WriteAllText(path, JsonSerializer.Serialize(created));
        return created;
    }

    private static string FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScormFunctions.sln"))) return dir.FullName;
        }
        return start;
    }
}
