using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScormFunctions.Core.Registrations;

/// <summary>
/// The stored activity tree and runtime data as a learner may see it: every interaction's <c>correctResponses</c>
/// (the quiz's answer key) is removed, at any depth of the activity tree.
/// </summary>
public static class RuntimeDetails
{
    /// <summary>Property names (SCORM Cloud V2 JSON) that carry correct answers.</summary>
    private static readonly string[] AnswerProperties = ["correctResponses"];

    private static readonly JsonDocumentOptions ReadOptions = new() { MaxDepth = 512 };

    public static async Task<byte[]> WithoutAnswersAsync(Stream details, CancellationToken cancellationToken)
    {
        var root = await JsonNode.ParseAsync(details, documentOptions: ReadOptions, cancellationToken: cancellationToken);
        Strip(root);
        return JsonSerializer.SerializeToUtf8Bytes(root, new JsonSerializerOptions { MaxDepth = 512 });
    }

    private static void Strip(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var name in AnswerProperties)
                {
                    foreach (var key in o.Select(p => p.Key).Where(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        o.Remove(key);
                    }
                }
                foreach (var (_, child) in o) Strip(child);
                break;
            case JsonArray a:
                foreach (var child in a) Strip(child);
                break;
        }
    }
}
