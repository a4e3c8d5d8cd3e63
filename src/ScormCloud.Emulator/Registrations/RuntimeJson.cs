using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Registrations;

/// <summary>Maps the saved cmi object to <c>RuntimeSchema</c> and <c>ObjectiveSchema</c> (strings, as the real schema).</summary>
public static class RuntimeJson
{
    public static Dictionary<string, object?> Build(RegistrationProgress p, string standard, bool interactionsAndObjectives)
    {
        var cmi = p.Cmi;
        var v12 = Cmi.IsScorm12(standard);
        string? Get(string path12, string path2004) => Cmi.Get(cmi, v12 ? path12 : path2004);
        var runtime = new Dictionary<string, object?>
        {
            ["completionStatus"] = Get("core.lesson_status", "completion_status"),
            ["credit"] = Get("core.credit", "credit"),
            ["entry"] = Get("core.entry", "entry"),
            ["exit"] = Get("core.exit", "exit"),
            ["learnerPreference"] = v12
                ? new { audioLevel = Cmi.Number(cmi, "student_preference.audio"), language = Cmi.Get(cmi, "student_preference.language"), deliverySpeed = Cmi.Number(cmi, "student_preference.speed"), audioCaptioning = Cmi.Number(cmi, "student_preference.text") }
                : new { audioLevel = Cmi.Number(cmi, "learner_preference.audio_level"), language = Cmi.Get(cmi, "learner_preference.language"), deliverySpeed = Cmi.Number(cmi, "learner_preference.delivery_speed"), audioCaptioning = Cmi.Number(cmi, "learner_preference.audio_captioning") },
            ["location"] = Get("core.lesson_location", "location"),
            ["mode"] = Get("core.lesson_mode", "mode"),
            ["progressMeasure"] = v12 ? null : Cmi.Get(cmi, "progress_measure"),
            ["scoreScaled"] = v12 ? null : Cmi.Get(cmi, "score.scaled"),
            ["scoreRaw"] = Get("core.score.raw", "score.raw"),
            ["scoreMin"] = Get("core.score.min", "score.min"),
            ["scoreMax"] = Get("core.score.max", "score.max"),
            ["totalTime"] = v12 ? ScormTime.ToScorm12(p.TotalSeconds) : ScormTime.ToIso(p.TotalSeconds),
            ["timeTracked"] = ScormTime.ToScorm12(p.TotalSeconds),
            ["runtimeSuccessStatus"] = p.Success,
            ["suspendData"] = Cmi.Get(cmi, "suspend_data"),
            ["learnerComments"] = Array.Empty<object>(),
            ["lmsComments"] = Array.Empty<object>(),
        };
        if (interactionsAndObjectives)
        {
            runtime["runtimeInteractions"] = Cmi.List(cmi, "interactions").Select(i => new Dictionary<string, object?>
            {
                ["id"] = Cmi.Get(i, "id"),
                ["type"] = InteractionType(Cmi.Get(i, "type")),
                ["timestamp"] = Cmi.Get(i, v12 ? "time" : "timestamp"),
                ["weighting"] = Cmi.Get(i, "weighting"),
                ["learnerResponse"] = Cmi.Get(i, v12 ? "student_response" : "learner_response"),
                ["result"] = Cmi.Get(i, "result"),
                ["latency"] = Cmi.Get(i, "latency"),
                ["description"] = Cmi.Get(i, "description"),
            }).ToList();
            runtime["runtimeObjectives"] = Cmi.List(cmi, "objectives").Select(o => new Dictionary<string, object?>
            {
                ["id"] = Cmi.Get(o, "id"),
                ["scoreScaled"] = Cmi.Get(o, "score.scaled"),
                ["scoreMin"] = Cmi.Get(o, "score.min"),
                ["scoreRaw"] = Cmi.Get(o, "score.raw"),
                ["scoreMax"] = Cmi.Get(o, "score.max"),
                ["runtimeObjectiveSuccessStatus"] = Status(Cmi.Get(o, v12 ? "status" : "success_status")),
                ["runtimeObjectiveCompletionStatus"] = RuntimeCompletion(Cmi.Get(o, v12 ? "status" : "completion_status")),
                ["progressMeasure"] = Cmi.Get(o, "progress_measure"),
                ["description"] = Cmi.Get(o, "description"),
            }).ToList();
        }
        return runtime;
    }

    /// <summary>The activity's objectives (<c>ObjectiveSchema</c>), from the cmi objectives list.</summary>
    public static List<Dictionary<string, object?>> Objectives(JsonObject? cmi, string standard)
    {
        var v12 = Cmi.IsScorm12(standard);
        return Cmi.List(cmi, "objectives").Select(o => new Dictionary<string, object?>
        {
            ["id"] = Cmi.Get(o, "id"),
            ["primary"] = false,
            ["score"] = Cmi.Number(o, "score.scaled") is { } s ? new { scaled = s * 100 } : null,
            ["objectiveCompletion"] = Completion(Cmi.Get(o, v12 ? "status" : "completion_status")),
            ["objectiveSuccess"] = Status(Cmi.Get(o, v12 ? "status" : "success_status")),
        }).ToList();
    }

    /// <summary>SCORM run-time interaction types to RuntimeInteractionSchema.TypeEnum; anything else is <c>Other</c> (a guess).</summary>
    private static string? InteractionType(string? value) => value switch
    {
        null => null,
        "true-false" => "TrueFalse",
        "choice" => "Choice",
        "fill-in" => "FillIn",
        "long-fill-in" => "LongFillIn",
        "likert" => "Likert",
        "matching" => "Matching",
        "performance" => "Performance",
        "sequencing" => "Sequencing",
        "numeric" => "Numeric",
        _ => "Other",
    };

    /// <summary>
    /// SCORM 1.2 <c>status</c> / 2004 <c>completion_status</c> to RuntimeObjectiveSchema.runtimeObjectiveCompletionStatus
    /// (UNKNOWN|COMPLETED|INCOMPLETE|NOT_ATTEMPTED|BROWSED). For 1.2, passed counts as completed and failed as incomplete
    /// (as the emulator's registration rollup does; a guess).
    /// </summary>
    private static string RuntimeCompletion(string? value) => value switch
    {
        "completed" or "passed" => "COMPLETED",
        "incomplete" or "failed" => "INCOMPLETE",
        "not attempted" => "NOT_ATTEMPTED",
        "browsed" => "BROWSED",
        _ => "UNKNOWN",
    };

    private static string Status(string? value) => value switch
    {
        "passed" => "PASSED",
        "failed" => "FAILED",
        _ => "UNKNOWN",
    };

    private static string Completion(string? value) => value switch
    {
        "completed" or "passed" => "COMPLETED",
        "incomplete" or "failed" or "browsed" => "INCOMPLETE",
        _ => "UNKNOWN",
    };
}
