using System.Net;
using System.Text.Json;
using ScormFunctions.Testing;

namespace ScormCloud.Emulator.Tests;

public sealed class CourseTests
{
    [Fact]
    public async Task GetCourseHasTheCourseSchemaFields()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("c1", "synthetic_scorm2004_4th_minimal_autopass.zip");
        Assert.Equal(HttpStatusCode.NoContent, (await client.CreateRegistrationAsync("c1", "r1")).StatusCode);

        var course = await client.GetJsonAsync("courses/c1");

        Assert.Equal("c1", course.GetProperty("id").GetString());
        Assert.Equal("Synthetic SCORM 2004 Auto-Pass Course", course.GetProperty("title").GetString());
        Assert.Equal(0, course.GetProperty("version").GetInt32());
        Assert.Equal(1, course.GetProperty("registrationCount").GetInt32());
        Assert.Equal("SCORM20044THEDITION", course.GetProperty("courseLearningStandard").GetString());
        Assert.EndsWith("Z", course.GetProperty("created").GetString(), StringComparison.Ordinal);
        Assert.True(course.TryGetProperty("updated", out _));
    }

    [Fact]
    public async Task UnknownCourseIs404AndDeleteOfUnknownIs404()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();

        var get = await client.GetJsonAsync("courses/missing", HttpStatusCode.NotFound);
        using var delete = await client.DeleteAsync("courses/missing", Api.Ct);

        Assert.Equal("Could not find course [missing]", get.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.StartsWith("Could not find course", (await delete.JsonAsync()).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteCourseDeletesItsRegistrations()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = server.CreateClient();
        await client.ImportAsync("c1", "synthetic_scorm12_minimal_autopass.zip");
        await client.CreateRegistrationAsync("c1", "r1");

        using var delete = await client.DeleteAsync("courses/c1", Api.Ct);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "registrations/r1"), Api.Ct);
        Assert.Equal(HttpStatusCode.NotFound, head.StatusCode);
        using var course = await client.GetAsync("courses/c1", Api.Ct);
        Assert.Equal(HttpStatusCode.NotFound, course.StatusCode);
    }

    [Fact]
    public async Task CourseListPagesWithMore()
    {
        await using var server = await EmulatorServer.StartAsync(s => s["Emulator:PageSize"] = "2");
        using var client = server.CreateClient();
        foreach (var id in new[] { "a", "b", "c" }) await client.ImportAsync(id, "synthetic_scorm12_minimal_autopass.zip");

        var first = await client.GetJsonAsync("courses");
        var more = first.GetProperty("more").GetString()!;
        var second = await client.GetJsonAsync($"courses?more={Uri.EscapeDataString(more)}");

        Assert.Equal(["a", "b"], Ids(first, "courses"));
        Assert.Equal(["c"], Ids(second, "courses"));
        Assert.False(second.TryGetProperty("more", out _));
    }

    internal static string[] Ids(JsonElement list, string property) =>
        [.. list.GetProperty(property).EnumerateArray().Select(e => e.GetProperty("id").GetString()!)];
}
