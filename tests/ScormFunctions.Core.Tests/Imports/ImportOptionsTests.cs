using System.ComponentModel.DataAnnotations;
using ScormFunctions.Core.Imports;

namespace ScormFunctions.Core.Tests.Imports;

/// <summary>Settings the Durable retry policy would reject must fail validation at start, not inside every orchestration.</summary>
public sealed class ImportOptionsTests
{
    private static List<ValidationResult> Validate(ImportOptions options) => options.Validate(new ValidationContext(options)).ToList();

    [Fact]
    public void Defaults_are_valid() => Assert.Empty(Validate(new ImportOptions()));

    [Theory]
    [InlineData("00:00:00", "00:02:00")]
    [InlineData("-00:00:01", "00:02:00")]
    [InlineData("00:01:00", "00:00:30")]
    public void Activity_retry_intervals_the_retry_policy_would_reject_are_invalid(string first, string max)
    {
        // new RetryPolicy(...) throws ArgumentOutOfRangeException for these: the orchestration would fail on its first
        // line and the import would stay "running" with no tracker (a repeated start leaves the failed instance alone).
        var options = new ImportOptions { ActivityFirstRetryInterval = TimeSpan.Parse(first, System.Globalization.CultureInfo.InvariantCulture), ActivityMaxRetryInterval = TimeSpan.Parse(max, System.Globalization.CultureInfo.InvariantCulture) };

        var errors = Validate(options);

        Assert.Contains(errors, e => e.MemberNames.Contains(nameof(ImportOptions.ActivityFirstRetryInterval)));
    }
}
