using System.Text.Json.Nodes;

namespace ScormCloud.Emulator.Registrations;

/// <summary>
/// Rolls one scorm-again commit (<c>renderCommonCommitFields</c> shape, or a plain <c>{cmi:{…}}</c>) up into the
/// registration's progress. Single-SCO model. Time: the registration total is the total before this launch session
/// plus the session's latest <c>session_time</c>, so repeated commits in one session are not double counted.
/// </summary>
public static class Rollup
{
    public static void Apply(RegistrationProgress p, JsonObject commit, string standard, DateTimeOffset now)
    {
        var cmi = (commit["runtimeData"] as JsonObject)?["cmi"] as JsonObject ?? commit["cmi"] as JsonObject;
        var v12 = Cmi.IsScorm12(standard);
        string? Get(string path12, string path2004) => Cmi.Get(cmi, v12 ? path12 : path2004);

        var completion = Get("core.lesson_status", "completion_status") ?? Text(commit, "completionStatus");
        var success = Cmi.Get(cmi, v12 ? "core.lesson_status" : "success_status") ?? Text(commit, "successStatus");
        p.Completion = Completion(completion) ?? p.Completion;
        p.Success = Success(success) ?? p.Success;

        var score = v12
            ? Cmi.Number(cmi, "core.score.raw") ?? Number(commit, "score", "raw")
            : (Cmi.Number(cmi, "score.scaled") ?? Number(commit, "score", "scaled")) * 100;
        if (score is { } s) p.Score = Math.Round(s, 4);

        var progress = v12 ? null : Cmi.Number(cmi, "progress_measure");
        p.CompletionAmount = p.Completion == "COMPLETED" ? 1 : progress ?? p.CompletionAmount;

        var sessionSeconds = ScormTime.ParseSeconds(Get("core.session_time", "session_time"));
        if (sessionSeconds is null && Number(commit, "totalTimeSeconds") is double total && total > 0)
        {
            sessionSeconds = Math.Max(0, total - p.SecondsBeforeSession);
        }
        if (sessionSeconds is { } session) p.TotalSeconds = p.SecondsBeforeSession + session;

        p.LastExit = Get("core.exit", "exit") ?? p.LastExit;
        if (cmi is not null) p.Cmi = (JsonObject)cmi.DeepClone();
        p.FirstAccess ??= now;
        p.LastAccess = now;
        if (p.Completion == "COMPLETED") p.Completed ??= now;
    }

    /// <summary>1.2 lesson_status or 2004 completion_status (or the commit's completionStatus) → registrationCompletion.</summary>
    public static string? Completion(string? status) => status switch
    {
        "completed" or "passed" => "COMPLETED",
        "incomplete" or "failed" or "browsed" or "not attempted" => "INCOMPLETE",
        "unknown" => "UNKNOWN",
        _ => null,
    };

    /// <summary>1.2 lesson_status or 2004 success_status → registrationSuccess; other 1.2 statuses leave it UNKNOWN.</summary>
    public static string? Success(string? status) => status switch
    {
        "passed" => "PASSED",
        "failed" => "FAILED",
        "completed" or "incomplete" or "browsed" or "not attempted" or "unknown" => "UNKNOWN",
        _ => null,
    };

    private static string? Text(JsonObject commit, string name) =>
        commit[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Number(JsonObject commit, params string[] path)
    {
        JsonNode? node = commit;
        foreach (var part in path) node = (node as JsonObject)?[part];
        return node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;
    }
}
