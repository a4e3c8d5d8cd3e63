using System.Security.Cryptography;
using System.Text.Json;

namespace ScormFunctions.LocalHost.Development;

/// <summary>
/// Development-only defaults: the token issuer/audience of development tokens and random signing keys,
/// kept in <c>.localdata/dev-keys.json</c> (git-ignored) so that postback credentials and tokens survive a
/// restart of the local host. Explicit configuration always wins.
/// </summary>
public static class DevelopmentDefaults
{
    public const string Issuer = "https://scormfunctions.local/dev";
    public const string Audience = "api://scormfunctions";

    public static void Apply(ConfigurationManager configuration, IWebHostEnvironment environment)
    {
        var keys = LoadOrCreateKeys(configuration["LocalData:Path"] ?? Path.Combine(FindRepoRoot(environment.ContentRootPath), ".localdata"));
        var defaults = new Dictionary<string, string?>
        {
            ["Auth:Issuer"] = Issuer,
            ["Auth:Audience"] = Audience,
            ["Auth:DevelopmentSigningKey"] = keys["token"],
            ["Signing:LaunchKey"] = keys["launch"],
            ["Signing:PostbackKey"] = keys["postback"],
        };
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
