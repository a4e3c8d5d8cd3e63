using System.Text;
using ScormFunctions.Core.Registrations;

namespace ScormFunctions.Core.Tests.Registrations;

/// <summary>Issue 12 item 4: what a learner gets from GET /api/registrations/{id}/details.</summary>
public sealed class RuntimeDetailsTests
{
    [Fact]
    public async Task CorrectResponsesAreRemovedAtEveryDepthAndTheRestIsKept()
    {
        const string Stored = """
            {"id":"root","runtime":{"runtimeInteractions":[{"id":"q1","learnerResponse":"b","correctResponses":["a"]}]},
             "children":[{"id":"sco","runtime":{"runtimeInteractions":[{"id":"q2","result":"wrong","correctResponses":["c","d"]}]}}]}
            """;

        var bytes = await RuntimeDetails.WithoutAnswersAsync(new MemoryStream(Encoding.UTF8.GetBytes(Stored)), TestContext.Current.CancellationToken);
        var json = Encoding.UTF8.GetString(bytes);

        Assert.DoesNotContain("correctResponses", json, StringComparison.Ordinal);
        Assert.Contains("\"learnerResponse\":\"b\"", json, StringComparison.Ordinal);
        Assert.Contains("\"result\":\"wrong\"", json, StringComparison.Ordinal);
        Assert.Contains("\"q2\"", json, StringComparison.Ordinal);
    }
}
