using System.Reflection;
using System.Text.RegularExpressions;
using ScormCloud.Client;
using ScormFunctions.Core;
using ScormFunctions.Testing;

namespace ScormFunctions.FunctionApp.Tests;

/// <summary>
/// One list, one test: every setting the Functions app's code reads (every options class with a
/// <c>SectionName</c>, plus direct <c>Configuration["…"]</c> reads in the shell) appears in the app-settings
/// table of docs/deploy.md; the required ones are set by infra/app/api.bicep; and nothing in that table or in
/// the Bicep is a setting the code no longer reads.
/// </summary>
public sealed partial class AppSettingsTests
{
    // Read by the Functions host or the platform, not by our code.
    private static readonly string[] HostSettingPrefixes = ["AzureWebJobsStorage", "TASKHUB_NAME", "APPLICATIONINSIGHTS_", "FUNCTIONS_"];

    [Fact]
    public void EverySettingTheCodeReadsIsDeployedOrDocumentedAsOptional()
    {
        var table = DocumentedSettings();
        var bicep = BicepSettings();
        var problems = new List<string>();

        foreach (var key in SettingsReadByCode())
        {
            if (!table.TryGetValue(key, out var required))
            {
                problems.Add($"{key}: read by the code but missing from the table in docs/deploy.md");
            }
            else if (required.StartsWith("yes", StringComparison.Ordinal) && !bicep.Contains(key))
            {
                problems.Add($"{key}: documented as required but not set by infra/app/api.bicep");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheTableAndTheBicepNameOnlySettingsTheCodeReads()
    {
        var read = SettingsReadByCode().ToHashSet(StringComparer.Ordinal);
        var stale = DocumentedSettings().Keys.Concat(BicepSettings())
            .Where(k => !HostSettingPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal)) && !read.Contains(k))
            .Distinct()
            .ToList();

        Assert.True(stale.Count == 0, "Documented or deployed but never read: " + string.Join(", ", stale));
    }

    [Fact]
    public void OptionsDiscoveryFindsTheKnownSections()
    {
        var keys = SettingsReadByCode();

        Assert.Contains("Storage__BlobServiceUri", keys);
        Assert.Contains("ScormCloud__SecretKey", keys);
        Assert.Contains("Signing__PostbackKey", keys);
        Assert.DoesNotContain("App__AllowedOriginList", keys);
    }

    internal static IReadOnlyList<string> SettingsReadByCode()
    {
        var keys = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in new[] { typeof(CoreServiceCollectionExtensions).Assembly, typeof(ScormCloudClient).Assembly }.SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string section)
            {
                AddProperties(type, section.Replace(":", "__", StringComparison.Ordinal), keys);
            }
        }
        var shell = Path.Combine(RepoPaths.Root, "src", "ScormFunctions.FunctionApp");
        foreach (var file in Directory.EnumerateFiles(shell, "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match m in DirectRead().Matches(File.ReadAllText(file)))
            {
                keys.Add(m.Groups[1].Value.Replace(":", "__", StringComparison.Ordinal));
            }
        }
        return [.. keys];
    }

    private static void AddProperties(Type type, string prefix, ISet<string> keys)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var name = $"{prefix}__{property.Name}";
            if (t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(Uri) || t == typeof(TimeSpan) || t == typeof(decimal))
            {
                keys.Add(name);
            }
            else if (t.IsClass && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t))
            {
                AddProperties(t, name, keys);
            }
            else
            {
                keys.Add(name);
            }
        }
    }

    /// <summary>Setting → "Required" column of the table under "## App settings" in docs/deploy.md.</summary>
    private static Dictionary<string, string> DocumentedSettings()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "deploy.md"));
        var start = text.IndexOf("## App settings", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/deploy.md has no '## App settings' section.");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return TableRow().Matches(end < 0 ? text[start..] : text[start..end])
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.Trim(), StringComparer.Ordinal);
    }

    /// <summary>Names assigned in the app settings of infra/app/api.bicep (<c>Name: value</c> lines).</summary>
    private static HashSet<string> BicepSettings()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "app", "api.bicep"));
        return BicepAssignment().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("""Configuration\["([A-Za-z0-9_:]+)"\]""")]
    private static partial Regex DirectRead();

    [GeneratedRegex(@"^\| `([A-Za-z0-9_]+)` \| ([^|]+) \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();

    [GeneratedRegex(@"^\s+([A-Za-z][A-Za-z0-9]*__[A-Za-z0-9_]+|[A-Z][A-Z0-9_]+): ", RegexOptions.Multiline)]
    private static partial Regex BicepAssignment();
}
