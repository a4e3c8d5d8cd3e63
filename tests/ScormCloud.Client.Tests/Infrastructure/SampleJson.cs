using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>A RegistrationSchema sample shaped like the V2 SDK models, with a few values this client does not know.</summary>
internal static class SampleJson
{
    public const string Registration = """
        {
          "id": "r1", "instance": 2, "xapiRegistrationId": "8d3f0f0e-0000-4000-8000-000000000001",
          "updated": "2026-11-20T10:11:12.345Z",
          "registrationCompletion": "COMPLETED", "registrationCompletionAmount": 1.0,
          "registrationSuccess": "PASSED", "score": { "scaled": 87.5 }, "totalSecondsTracked": 754.2,
          "firstAccessDate": "2026-11-19T09:00:00.000Z", "lastAccessDate": "2026-11-20T10:00:00.000Z",
          "completedDate": "2026-11-20T10:11:12.000Z", "createdDate": "2026-11-18T08:00:00.000Z",
          "course": { "id": "c1", "title": "Golf Explained", "version": 3 },
          "learner": { "id": "l1", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@example.test" },
          "tags": ["t1"], "globalObjectives": [], "sharedData": [], "someFutureField": { "x": 1 },
          "activityDetails": {
            "id": "root", "title": "Golf", "attempts": 1, "activityCompletion": "COMPLETED", "activitySuccess": "PASSED",
            "score": { "scaled": 87.5 }, "timeTracked": "0000:12:34.20", "completionAmount": { "scaled": 1 }, "suspended": false,
            "staticProperties": { "completionThreshold": "0.8", "scaledPassingScore": 0.7, "scaledPassingScoreUsed": true },
            "objectives": [ { "id": "obj1", "primary": true, "score": { "scaled": 90 }, "scoreRaw": 9, "scoreMax": 10,
                              "objectiveCompletion": "COMPLETED", "objectiveSuccess": "SOMETHING_NEW" } ],
            "children": [ {
              "id": "sco1", "title": "Lesson 1", "attempts": 3, "activityCompletion": "INCOMPLETE", "activitySuccess": "NOT_A_STATUS",
              "runtime": {
                "completionStatus": "incomplete", "credit": "credit", "entry": "resume", "exit": "suspend", "location": "page-4",
                "mode": "normal", "progressMeasure": "0.5", "scoreScaled": "0.875", "scoreRaw": 87.5, "scoreMin": "0", "scoreMax": "100",
                "totalTime": "PT12M34S", "timeTracked": "0000:12:34", "runtimeSuccessStatus": "PASSED", "suspendData": "abc",
                "learnerComments": [ { "value": "nice", "location": "p1", "dateTime": "2026-11-20T10:00:00Z" } ],
                "lmsComments": [],
                "runtimeInteractions": [ { "id": "q1", "type": "Choice", "objectives": ["obj1"], "correctResponses": ["a"],
                                           "learnerResponse": "a", "result": "CORRECT", "weighting": "1", "latency": "PT5S" } ],
                "runtimeObjectives": [ { "id": "obj1", "scoreScaled": "0.9", "runtimeObjectiveSuccessStatus": "PASSED",
                                         "runtimeObjectiveCompletionStatus": "COMPLETED" } ]
              }
            } ]
          }
        }
        """;

    public static void AssertRegistration(Registration registration)
    {
        Assert.Equal("r1", registration.Id);
        Assert.Equal(2, registration.Instance);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 11, 12, 345, TimeSpan.Zero), registration.Updated);
        Assert.Equal(RegistrationCompletion.Completed, registration.RegistrationCompletion);
        Assert.Equal(1.0, registration.RegistrationCompletionAmount);
        Assert.Equal(RegistrationSuccess.Passed, registration.RegistrationSuccess);
        Assert.Equal(87.5, registration.Score?.Scaled);
        Assert.Equal(754.2, registration.TotalSecondsTracked);
        Assert.NotNull(registration.CompletedDate);
        Assert.Equal(("c1", "Golf Explained", 3), (registration.Course?.Id, registration.Course?.Title, registration.Course!.Version));
        Assert.Equal(("l1", "Ada", "Lovelace", "ada@example.test"),
            (registration.Learner?.Id, registration.Learner?.FirstName, registration.Learner?.LastName, registration.Learner?.Email));
        Assert.Equal(["t1"], registration.Tags);

        var root = registration.ActivityDetails!;
        Assert.Equal(("root", RegistrationCompletion.Completed, RegistrationSuccess.Passed), (root.Id, root.ActivityCompletion, root.ActivitySuccess));
        Assert.Equal("0000:12:34.20", root.TimeTracked);
        Assert.Equal(1, root.CompletionAmount?.Scaled);
        Assert.Equal("0.7", root.StaticProperties?.ScaledPassingScore);
        var objective = Assert.Single(root.Objectives);
        Assert.Equal((true, 9d, RegistrationCompletion.Completed, RegistrationSuccess.Unknown),
            (objective.Primary, objective.ScoreRaw!.Value, objective.ObjectiveCompletion, objective.ObjectiveSuccess));

        var child = Assert.Single(root.Children);
        Assert.Equal((3, RegistrationCompletion.Incomplete, RegistrationSuccess.Unknown), (child.Attempts, child.ActivityCompletion, child.ActivitySuccess));
        var runtime = child.Runtime!;
        Assert.Equal(("incomplete", "suspend", "page-4", "abc"), (runtime.CompletionStatus, runtime.Exit, runtime.Location, runtime.SuspendData));
        Assert.Equal(("0.875", "87.5"), (runtime.ScoreScaled, runtime.ScoreRaw));
        Assert.Equal(RegistrationSuccess.Passed, runtime.RuntimeSuccessStatus);
        Assert.Equal("nice", Assert.Single(runtime.LearnerComments).Value);
        var interaction = Assert.Single(runtime.RuntimeInteractions);
        Assert.Equal(("q1", RuntimeInteractionType.Choice, "CORRECT"), (interaction.Id, interaction.Type, interaction.Result));
        var runtimeObjective = Assert.Single(runtime.RuntimeObjectives);
        Assert.Equal((RegistrationSuccess.Passed, RuntimeObjectiveCompletion.Completed),
            (runtimeObjective.RuntimeObjectiveSuccessStatus, runtimeObjective.RuntimeObjectiveCompletionStatus));
    }
}
