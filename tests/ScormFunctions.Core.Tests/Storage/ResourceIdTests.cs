using ScormFunctions.Core.Http;

namespace ScormFunctions.Core.Tests.Storage;

public sealed class ResourceIdTests
{
    [Theory]
    [InlineData("course-1")]
    [InlineData("Golf Explained (v2)")]
    [InlineData("ünïcødé-κωδικός")]
    [InlineData("a.b_c:d@e")]
    public void AcceptsIdsTableKeysAndUrlsCanCarry(string id) => Assert.Null(ResourceId.Validate(id, "courseId"));

    [Theory]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\u0001b", "U+0001")]
    [InlineData("a\tb", "U+0009")]
    public void RejectsCharactersTableKeysOrUrlsCannotCarry(string id, string named)
    {
        var message = ResourceId.Validate(id, "courseId");

        Assert.NotNull(message);
        Assert.Contains(named, message);
    }

    [Theory]
    [InlineData(".")]
    [InlineData("..")]
    [InlineData("...")]
    public void RejectsIdsMadeOnlyOfDots(string id)
    {
        // Issue 12 item 7: "." and ".." are removed or climb a level when a URL path is normalised.
        var message = ResourceId.Validate(id, "registrationId");

        Assert.NotNull(message);
        Assert.Contains("dots", message, StringComparison.Ordinal);
        Assert.Null(ResourceId.Validate(".a.", "registrationId"));
    }

    [Fact]
    public void AllowsExactly255Characters()
    {
        Assert.Null(ResourceId.Validate(new string('x', 255), "id"));
        Assert.Contains("255", ResourceId.Validate(new string('x', 256), "id"));
        Assert.NotNull(ResourceId.Validate("", "id"));
        Assert.NotNull(ResourceId.Validate(" padded", "id"));
    }
}
