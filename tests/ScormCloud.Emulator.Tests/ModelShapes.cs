using System.Text.Json;

namespace ScormCloud.Emulator.Tests;

/// <summary>
/// Property lists and enums of the SCORM Cloud V2 models for every response the project reads, transcribed from
/// Rustici's generated Python client v4.0.0 (RusticiSoftware/scormcloud-api-v2-client-python @27b7651,
/// <c>rustici_software_cloud_v2/models/&lt;name&gt;.py</c>, the <c>attribute_map</c> and <c>allowed_values</c> of each
/// class), cross-checked with the .NET client (scormcloud-api-v2-client-net <c>src/Com.RusticiSoftware.Cloud.V2/Model/*.cs</c>).
/// <see cref="Check"/> fails on any property a model does not declare and on any enum value it does not allow.
/// </summary>
public static class ModelShapes
{
    private sealed record Model(string[] Properties, Dictionary<string, string> Nested, Dictionary<string, string[]> Enums);

    private static readonly string[] s_completion = ["UNKNOWN", "COMPLETED", "INCOMPLETE"];
    private static readonly string[] s_success = ["UNKNOWN", "PASSED", "FAILED"];

    private static readonly Dictionary<string, Model> s_models = new()
    {
        // registration_schema.py
        ["RegistrationSchema"] = new(
            ["id", "instance", "xapiRegistrationId", "dispatchId", "updated", "registrationCompletion", "registrationCompletionAmount",
             "registrationSuccess", "score", "totalSecondsTracked", "firstAccessDate", "lastAccessDate", "completedDate", "createdDate",
             "course", "learner", "tags", "globalObjectives", "sharedData", "suspendedActivityId", "activityDetails"],
            new() { ["score"] = "ScoreSchema", ["course"] = "CourseReferenceSchema", ["learner"] = "LearnerSchema",
                    ["globalObjectives"] = "ObjectiveSchema", ["sharedData"] = "SharedDataEntrySchema", ["activityDetails"] = "ActivityResultSchema" },
            // registration_completion.py / registration_success.py
            new() { ["registrationCompletion"] = s_completion, ["registrationSuccess"] = s_success }),
        // registration_list_schema.py
        ["RegistrationListSchema"] = new(["registrations", "more"], new() { ["registrations"] = "RegistrationSchema" }, []),
        // activity_result_schema.py
        ["ActivityResultSchema"] = new(
            ["id", "title", "attempts", "activityCompletion", "activitySuccess", "score", "timeTracked", "completionAmount", "suspended",
             "children", "objectives", "staticProperties", "runtime"],
            new() { ["score"] = "ScoreSchema", ["completionAmount"] = "CompletionAmountSchema", ["children"] = "ActivityResultSchema",
                    ["objectives"] = "ObjectiveSchema", ["staticProperties"] = "StaticPropertiesSchema", ["runtime"] = "RuntimeSchema" },
            new() { ["activityCompletion"] = s_completion, ["activitySuccess"] = s_success }),
        // runtime_schema.py
        ["RuntimeSchema"] = new(
            ["completionStatus", "credit", "entry", "exit", "learnerPreference", "location", "mode", "progressMeasure", "scoreScaled",
             "scoreRaw", "scoreMin", "scoreMax", "totalTime", "timeTracked", "runtimeSuccessStatus", "suspendData", "learnerComments",
             "lmsComments", "runtimeInteractions", "runtimeObjectives"],
            new() { ["learnerPreference"] = "LearnerPreferenceSchema", ["learnerComments"] = "CommentSchema", ["lmsComments"] = "CommentSchema",
                    ["runtimeInteractions"] = "RuntimeInteractionSchema", ["runtimeObjectives"] = "RuntimeObjectiveSchema" },
            new() { ["runtimeSuccessStatus"] = s_success }),
        // runtime_interaction_schema.py
        ["RuntimeInteractionSchema"] = new(
            ["id", "type", "objectives", "timestamp", "timestampUtc", "correctResponses", "weighting", "learnerResponse", "result",
             "latency", "description"],
            [],
            new() { ["type"] = ["TrueFalse", "Choice", "FillIn", "LongFillIn", "Likert", "Matching", "Performance", "Sequencing", "Numeric", "Other"] }),
        // runtime_objective_schema.py
        ["RuntimeObjectiveSchema"] = new(
            ["id", "scoreScaled", "scoreMin", "scoreMax", "scoreRaw", "runtimeObjectiveSuccessStatus", "runtimeObjectiveCompletionStatus",
             "progressMeasure", "description"],
            [],
            new() { ["runtimeObjectiveSuccessStatus"] = s_success,
                    ["runtimeObjectiveCompletionStatus"] = ["UNKNOWN", "COMPLETED", "INCOMPLETE", "NOT_ATTEMPTED", "BROWSED"] }),
        // objective_schema.py
        ["ObjectiveSchema"] = new(
            ["id", "primary", "score", "scoreMax", "scoreMin", "scoreRaw", "previousScoreScaled", "firstScoreScaled", "progressMeasure",
             "firstSuccessTimeStamp", "objectiveCompletion", "objectiveSuccess", "previousObjectiveSuccess"],
            new() { ["score"] = "ScoreSchema" },
            new() { ["objectiveCompletion"] = s_completion, ["objectiveSuccess"] = s_success, ["previousObjectiveSuccess"] = s_success }),
        ["ScoreSchema"] = new(["scaled"], [], []),                               // score_schema.py
        ["CompletionAmountSchema"] = new(["scaled"], [], []),                    // completion_amount_schema.py
        ["LearnerSchema"] = new(["id", "email", "firstName", "lastName"], [], []), // learner_schema.py
        ["CourseReferenceSchema"] = new(["id", "title", "version"], [], []),      // course_reference_schema.py
        ["StaticPropertiesSchema"] = new(                                        // static_properties_schema.py
            ["completionThreshold", "launchData", "maxTimeAllowed", "scaledPassingScore", "scaledPassingScoreUsed", "timeLimitAction"], [], []),
        ["LearnerPreferenceSchema"] = new(["audioLevel", "language", "deliverySpeed", "audioCaptioning"], [], []), // learner_preference_schema.py
        ["CommentSchema"] = new(["value", "location", "dateTime"], [], []),      // comment_schema.py
        ["SharedDataEntrySchema"] = new(["id", "value"], [], []),                // shared_data_entry_schema.py
        // setting_list_schema.py, setting_item.py, setting_metadata.py
        ["SettingListSchema"] = new(["settingItems"], new() { ["settingItems"] = "SettingItem" }, []),
        ["SettingItem"] = new(
            ["id", "effectiveValue", "effectiveValueSource", "explicitValue", "metadata"],
            new() { ["metadata"] = "SettingMetadata" },
            // The union of setting_item.py (python v4.0.0) and docs/SettingItem.md of scormcloud-api-v2-client-java (older, longer list).
            new() { ["effectiveValueSource"] = ["default", "fallback", "base", "system", "learningStandard", "application",
                    "learningStandardForApplication", "dispatchDestination", "course", "dispatchDestinationForCourse", "dispatch", "registration"] }),
        ["SettingMetadata"] = new(
            ["default", "dataType", "settingDescription", "level", "learningStandards", "learningStandardVariant", "fallback", "validValues"],
            new() { ["validValues"] = "SettingValidValue" }, new() { ["learningStandardVariant"] = ["singleScoOnly", "multiScoOnly", "either"] }),
        ["SettingValidValue"] = new(["value", "valueDescription"], [], []),     // setting_valid_value.py
        ["LaunchLinkSchema"] = new(["launchLink"], [], []),                      // launch_link_schema.py
        // import_job_result_schema.py, import_result_schema.py
        ["ImportJobResultSchema"] = new(["jobId", "status", "message", "importResult"], new() { ["importResult"] = "ImportResultSchema" },
            new() { ["status"] = ["RUNNING", "COMPLETE", "ERROR"] }),
        ["ImportResultSchema"] = new(["webPathToCourse", "parserWarnings", "courseLanguages", "course"], new() { ["course"] = "CourseSchema" }, []),
        // course_schema.py, course_list_schema.py, metadata_schema.py, course_activity_schema.py
        ["CourseSchema"] = new(
            ["id", "title", "xapiActivityId", "created", "updated", "version", "registrationCount", "activityId", "courseLearningStandard",
             "tags", "dispatched", "metadata", "rootActivity"],
            new() { ["metadata"] = "MetadataSchema", ["rootActivity"] = "CourseActivitySchema" },
            new() { ["courseLearningStandard"] = ["UNKNOWN", "SCORM11", "SCORM12", "SCORM20042NDEDITION", "SCORM20043RDEDITION",
                    "SCORM20044THEDITION", "AICC", "XAPI", "CMI5", "LTI13"] }),
        ["CourseListSchema"] = new(["courses", "more"], new() { ["courses"] = "CourseSchema" }, []),
        ["MetadataSchema"] = new(["title", "titleLanguage", "description", "descriptionLanguage", "duration", "typicalTime", "keywords"], [], []),
        ["CourseActivitySchema"] = new(
            ["externalIdentifier", "itemIdentifier", "resourceIdentifier", "activityType", "href", "scaledPassingScore", "title", "children"],
            new() { ["children"] = "CourseActivitySchema" },
            new() { ["activityType"] = ["UNKNOWN", "AGGREGATION", "SCO", "ASSET", "OBJECTIVE"] }),
        ["PingSchema"] = new(["apiMessage", "currentTime"], [], []),             // ping_schema.py
        ["MessageSchema"] = new(["message"], [], []),                            // message_schema.py
        ["StringResultSchema"] = new(["result"], [], []),                        // string_result_schema.py
    };

    /// <summary>Asserts that <paramref name="json"/> is a <paramref name="model"/> with nothing the model lacks; returns the properties seen.</summary>
    public static ISet<string> Check(JsonElement json, string model)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        Check(json, model, model, seen);
        return seen;
    }

    private static void Check(JsonElement json, string model, string path, ISet<string> seen)
    {
        var spec = s_models[model];
        Assert.True(json.ValueKind == JsonValueKind.Object, $"{path} is {json.ValueKind}, expected a {model} object");
        foreach (var property in json.EnumerateObject())
        {
            var at = path + "." + property.Name;
            Assert.True(Array.IndexOf(spec.Properties, property.Name) >= 0, $"{at}: {model} has no property '{property.Name}'");
            seen.Add(model + "." + property.Name);
            if (property.Value.ValueKind == JsonValueKind.Null) continue;
            if (spec.Enums.TryGetValue(property.Name, out var allowed))
            {
                var value = property.Value.GetString();
                Assert.True(Array.IndexOf(allowed, value) >= 0, $"{at}: '{value}' is not one of {model}.{property.Name}: {string.Join("|", allowed)}");
            }
            if (!spec.Nested.TryGetValue(property.Name, out var nested)) continue;
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in property.Value.EnumerateArray()) Check(item, nested, $"{at}[{i++}]", seen);
            }
            else
            {
                Check(property.Value, nested, at, seen);
            }
        }
    }
}
