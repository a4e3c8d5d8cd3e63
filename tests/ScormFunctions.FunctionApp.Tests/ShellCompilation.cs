using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace ScormFunctions.FunctionApp.Tests;

/// <summary>
/// Compiles the Functions shell's sources with Roslyn against the core, the ASP.NET Core shared framework
/// and the platform — everything but the Functions/Durable SDK, which this project's feed does not serve.
/// Errors that name only SDK symbols are tolerated; any other error (a wrong call into our code) is not.
/// </summary>
public static partial class ShellCompilation
{
    // Types, namespaces and members that come from the Functions worker and Durable packages.
    private static readonly HashSet<string> SdkNames =
    [
        "Azure", "Functions", "Worker", "Builder", "DurableTask", "Client", "Entities",
        "Function", "FunctionAttribute", "FunctionName", "FunctionContext", "FunctionsApplication",
        "HttpTrigger", "HttpTriggerAttribute", "AuthorizationLevel",
        "TimerTrigger", "TimerTriggerAttribute", "TimerInfo",
        "ActivityTrigger", "ActivityTriggerAttribute", "OrchestrationTrigger", "OrchestrationTriggerAttribute",
        "DurableClient", "DurableClientAttribute", "DurableTaskClient", "TaskOrchestrationContext",
        "TaskOptions", "RetryPolicy", "TaskName", "TaskFailedException", "TaskFailureDetails",
        "StartOrchestrationOptions", "OrchestrationMetadata", "OrchestrationRuntimeStatus", "ContinueAsNewOptions",
        "ConfigureFunctionsWebApplication", "ConfigureFunctionsApplicationInsights",
        "AddApplicationInsightsTelemetryWorkerService", "HttpResult", "HttpResultAttribute", "FromBody", "FromBodyAttribute",
        "ApplicationInsights", "TelemetryConfiguration", "SetAzureTokenCredential",
        "QueueTrigger", "QueueTriggerAttribute", "BlobTrigger", "BlobTriggerAttribute", "BlobTriggerSource",
    ];

    private static readonly string[] SdkNamespaces = ["Microsoft.Azure.Functions", "Microsoft.DurableTask", "Microsoft.Azure"];

    // CS0246/CS0234: unknown type or namespace; CS0103: unknown name; CS1061/CS1929: unknown (extension) member;
    // CS0616: attribute type that could not be resolved as an attribute.
    private static readonly HashSet<string> MissingSymbolCodes = ["CS0246", "CS0234", "CS0103", "CS1061", "CS1929", "CS0616"];

    public static IReadOnlyList<string> SourceFiles(string shellDirectory) =>
        Directory.EnumerateFiles(shellDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>Compiles the given sources and returns the errors that are not explained by the missing SDK.</summary>
    public static IReadOnlyList<Diagnostic> UnexpectedErrors(IEnumerable<(string Path, string Text)> sources)
    {
        var options = CSharpParseOptions.Default.WithLanguageVersion(LanguageVersion.Latest);
        // Implicit usings are an MSBuild feature, so add those of Microsoft.NET.Sdk by hand.
        var globalUsings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; " +
            "global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;", options);
        var trees = sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, options, s.Path)).Append(globalUsings);
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Where(p => !Path.GetFileName(p).StartsWith("ScormFunctions.FunctionApp.Tests", StringComparison.Ordinal))
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "ScormFunctions.FunctionApp.CompileCheck", trees, references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        return compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && !IsMissingSdkSymbol(d))
            .ToList();
    }

    private static bool IsMissingSdkSymbol(Diagnostic diagnostic)
    {
        if (!MissingSymbolCodes.Contains(diagnostic.Id)) return false;
        var quoted = QuotedName().Matches(diagnostic.GetMessage()).Select(m => m.Groups[1].Value).ToList();
        // The first quoted name is the missing symbol; for CS0234 the second is the namespace searched.
        return quoted.Count > 0
            && (SdkNames.Contains(quoted[0])
                || (diagnostic.Id == "CS0234" && quoted.Count > 1 && SdkNamespaces.Any(ns => quoted[1].StartsWith(ns, StringComparison.Ordinal))));
    }

    [GeneratedRegex("'([^']+)'")]
    private static partial Regex QuotedName();
}
