using System.Text.Json;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Postbacks;
using ScormFunctions.Core.Registrations;
using ScormFunctions.Core.Registrations.Reports;

namespace ScormFunctions.Core.Tests.Registrations;

public sealed class PayloadTests
{
    [Fact]
    public void V2JsonMapsToTheBigFourAndDates()
    {
        const string Json = """
            {"id":"reg-1","instance":0,"updated":"2026-11-23T08:00:01.123Z","registrationCompletion":"COMPLETED","registrationCompletionAmount":1,
             "registrationSuccess":"PASSED","score":{"scaled":85},"totalSecondsTracked":90,"firstAccessDate":"2026-11-23T07:58:00.000Z",
             "lastAccessDate":"2026-11-23T07:59:00.000Z","completedDate":"2026-11-23T08:00:01.000Z","course":{"id":"c"},"learner":{"id":"l"}}
            """;
        var entity = new RegistrationEntity();
        var reported = JsonSerializer.Deserialize<Registration>(Json, ScormCloudJson.Options)!;

        RegistrationResults.Apply(entity, reported, reported.Updated!.Value, null);

        Assert.Equal("completed", entity.Completion);
        Assert.Equal("passed", entity.Success);
        Assert.Equal(85, entity.Score);
        Assert.Equal(90, entity.TotalSecondsTracked);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T07:58:00Z", System.Globalization.CultureInfo.InvariantCulture), entity.FirstAccessDate);
        Assert.Equal(reported.Updated, entity.ReportedUpdatedAt);
    }

    [Fact]
    public void UnknownEnumsAndMissingScoreMapToUnknownAndNull()
    {
        var entity = new RegistrationEntity();
        var reported = JsonSerializer.Deserialize<Registration>("""{"id":"r","registrationCompletion":"WEIRD","registrationSuccess":"UNKNOWN"}""", ScormCloudJson.Options)!;

        RegistrationResults.Apply(entity, reported, DateTimeOffset.UnixEpoch, null);

        Assert.Equal("unknown", entity.Completion);
        Assert.Equal("unknown", entity.Success);
        Assert.Null(entity.Score);
    }

    [Theory]
    [InlineData("""<registrationreport format="course" regid="reg-1" instanceid="0"><complete>complete</complete><success>passed</success><totaltime>90</totaltime><score>85</score></registrationreport>""")]
    [InlineData("""<?xml version="1.0" encoding="utf-8"?><rsp stat="ok"><registrationreport format="course" regid="reg-1" instanceid="0"><complete>complete</complete><success>passed</success><totaltime>90</totaltime><score>85</score></registrationreport></rsp>""")]
    [InlineData("""<registrationreport format="activity" regid="reg-1" instanceid="0"><activity id="TOC1"><title>T</title><attempts>1</attempts><complete>complete</complete><success>passed</success><time>0000:01:30.00</time><score>85</score></activity></registrationreport>""")]
    public void V1XmlReportsMapLikeV2(string xml)
    {
        var reported = LegacyRegistrationReport.Parse(xml, 1_000_000);

        Assert.Equal("reg-1", reported.Id);
        Assert.Equal(RegistrationCompletion.Completed, reported.RegistrationCompletion);
        Assert.Equal(RegistrationSuccess.Passed, reported.RegistrationSuccess);
        Assert.Equal(85, reported.Score?.Scaled);
        Assert.Equal(90, reported.TotalSecondsTracked);
        Assert.Null(reported.Updated);
    }

    [Fact]
    public void V1ScoreUnknownIsNoScore()
    {
        var reported = LegacyRegistrationReport.Parse(
            """<registrationreport format="course" regid="r"><complete>incomplete</complete><success>unknown</success><totaltime>0</totaltime><score>unknown</score></registrationreport>""", 10_000);

        Assert.Null(reported.Score);
        Assert.Equal(RegistrationCompletion.Incomplete, reported.RegistrationCompletion);
    }

    [Theory]
    [InlineData("<registrationreport>")]
    [InlineData("<other regid=\"r\"/>")]
    [InlineData("<registrationreport format=\"course\"/>")]
    public void MalformedXmlIsAFormatException(string xml) =>
        Assert.Throws<FormatException>(() => LegacyRegistrationReport.Parse(xml, 10_000));

    [Fact]
    public void DeeplyNestedXmlIsAFormatExceptionNotAStackOverflow()
    {
        const int Depth = 200_000;
        var xml = new System.Text.StringBuilder("""<registrationreport format="course" regid="reg-1" instanceid="0"><complete>""");
        for (var i = 0; i < Depth; i++) xml.Append("<a>");
        for (var i = 0; i < Depth; i++) xml.Append("</a>");
        xml.Append("</complete></registrationreport>");

        Assert.Throws<FormatException>(() => LegacyRegistrationReport.Parse(xml.ToString(), 16 * 1024 * 1024));
    }

    [Fact]
    public void ExternalEntityIsRejectedWithoutReadingTheFile()
    {
        var secret = Path.Combine(Path.GetTempPath(), "xxe-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(secret, "TOP-SECRET");
        try
        {
            var xxe = $"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret}">]><registrationreport regid="r"><score>&x;</score></registrationreport>""";
            var billionLaughs = """<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><registrationreport regid="r"><score>&b;</score></registrationreport>""";

            var error = Assert.Throws<FormatException>(() => LegacyRegistrationReport.Parse(xxe, 10_000));
            Assert.Throws<FormatException>(() => LegacyRegistrationReport.Parse(billionLaughs, 10_000));
            Assert.DoesNotContain("TOP-SECRET", error.ToString(), StringComparison.Ordinal);
            Assert.Contains("DTD", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Theory]
    [InlineData(null, "")]
    [InlineData("plain", "plain")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    public void CsvCellsAreEscapedAndFormulaSafe(string? value, string expected) =>
        Assert.Equal(expected, RegistrationCsvResult.Cell(value));

    [Fact]
    public void BlobSegmentsStayShortForLongNonAsciiIds()
    {
        var longId = new string('€', 255);

        Assert.Equal("reg%201", BlobNames.Segment("reg 1"));
        Assert.StartsWith("sha256-", BlobNames.Segment(longId), StringComparison.Ordinal);
        Assert.Equal(BlobNames.Segment(longId), BlobNames.Segment(longId));
        Assert.True(BlobNames.Segment(longId).Length <= 256);
    }
}
