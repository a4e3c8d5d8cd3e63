using System.Text.Json;
using ScormCloud.Client.Models;
using ScormCloud.Client.Tests.Infrastructure;

namespace ScormCloud.Client.Tests.Serialization;

public sealed class ScormCloudJsonTests
{
    [Theory]
    [InlineData("\"UNKNOWN\"", LearningStandard.Unknown)]
    [InlineData("\"SCORM11\"", LearningStandard.Scorm11)]
    [InlineData("\"SCORM12\"", LearningStandard.Scorm12)]
    [InlineData("\"SCORM20042NDEDITION\"", LearningStandard.Scorm2004SecondEdition)]
    [InlineData("\"SCORM20043RDEDITION\"", LearningStandard.Scorm2004ThirdEdition)]
    [InlineData("\"SCORM20044THEDITION\"", LearningStandard.Scorm2004FourthEdition)]
    [InlineData("\"AICC\"", LearningStandard.Aicc)]
    [InlineData("\"XAPI\"", LearningStandard.Xapi)]
    [InlineData("\"CMI5\"", LearningStandard.Cmi5)]
    [InlineData("\"LTI13\"", LearningStandard.Lti13)]
    [InlineData("\"scorm12\"", LearningStandard.Scorm12)]
    [InlineData("\"SCORM2005\"", LearningStandard.Unknown)]
    [InlineData("\"\"", LearningStandard.Unknown)]
    [InlineData("null", LearningStandard.Unknown)]
    [InlineData("7", LearningStandard.Unknown)]
    public void LearningStandardReadsV2SpellingAndToleratesUnknownValues(string json, LearningStandard expected)
    {
        var course = JsonSerializer.Deserialize<Course>($$"""{"courseLearningStandard":{{json}}}""", ScormCloudJson.Options)!;

        Assert.Equal(expected, course.CourseLearningStandard);
    }

    [Theory]
    [InlineData(LearningStandard.Scorm2004FourthEdition, "SCORM20044THEDITION")]
    [InlineData(LearningStandard.Lti13, "LTI13")]
    public void LearningStandardWritesV2Spelling(LearningStandard value, string expected)
    {
        Assert.Equal($"\"{expected}\"", JsonSerializer.Serialize(value, ScormCloudJson.Options));
    }

    [Fact]
    public void PostBackEnumsRoundTripInV2Spelling()
    {
        var settings = new PostBackSettings { AuthType = PostBackAuthType.HttpBasic, ResultsFormat = PostBackResultsFormat.Activity };

        var json = JsonSerializer.Serialize(settings, ScormCloudJson.Options);
        var back = JsonSerializer.Deserialize<PostBackSettings>(
            """{"authType":"OAUTH2_SOMEDAY","resultsFormat":"activity"}""", ScormCloudJson.Options)!;

        Assert.Equal("""{"authType":"HTTPBASIC","resultsFormat":"ACTIVITY","legacy":false}""", json);
        Assert.Equal(PostBackAuthType.Undefined, back.AuthType);
        Assert.Equal(PostBackResultsFormat.Activity, back.ResultsFormat);
    }

    [Fact]
    public void EnumsTolerateUnknownValuesEvenWithDefaultSerializerOptions()
    {
        var registration = JsonSerializer.Deserialize<Registration>(
            """{"registrationCompletion":"HALF_DONE","registrationSuccess":"PASSED"}""")!;

        Assert.Equal(RegistrationCompletion.Unknown, registration.RegistrationCompletion);
        Assert.Equal(RegistrationSuccess.Passed, registration.RegistrationSuccess);
    }

    [Fact]
    public void RegistrationPostbackBodyParsesWithSharedOptions()
    {
        var registration = JsonSerializer.Deserialize<Registration>(SampleJson.Registration, ScormCloudJson.Options)!;

        SampleJson.AssertRegistration(registration);
    }

    [Fact]
    public void SharedOptionsAreReadOnly()
    {
        Assert.True(ScormCloudJson.Options.IsReadOnly);
        Assert.Throws<InvalidOperationException>(() => ScormCloudJson.Options.WriteIndented = true);
    }

    [Fact]
    public void NumbersSentAsStringsAreAccepted()
    {
        var registration = JsonSerializer.Deserialize<Registration>(
            """{"instance":"3","totalSecondsTracked":"12.5","score":{"scaled":"40"}}""", ScormCloudJson.Options)!;

        Assert.Equal((3, 12.5, 40d), (registration.Instance, registration.TotalSecondsTracked, registration.Score!.Scaled!.Value));
    }

    [Fact]
    public void ModelFactoryBuildsOutputModels()
    {
        var registration = ScormCloudModelFactory.Registration(
            "r1", "c1", "l1", RegistrationCompletion.Completed, RegistrationSuccess.Passed, scoreScaled: 80,
            activityDetails: ScormCloudModelFactory.ActivityResult("root", children: [ScormCloudModelFactory.ActivityResult("sco1")]));
        var job = ScormCloudModelFactory.ImportJobResult(
            "j1", ImportJobStatus.Complete, importResult: ScormCloudModelFactory.ImportResult(ScormCloudModelFactory.Course("c1", version: 1)));

        Assert.Equal(("c1", "l1", 80d), (registration.Course?.Id, registration.Learner?.Id, registration.Score!.Scaled!.Value));
        Assert.Equal("sco1", Assert.Single(registration.ActivityDetails!.Children).Id);
        Assert.Equal(1, job.ImportResult!.Course!.Version);
        Assert.Equal("tok", ScormCloudModelFactory.RegistrationPage([registration], "tok").More);
    }
}
