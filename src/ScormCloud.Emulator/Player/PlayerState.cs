using System.Globalization;
using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Registrations;

namespace ScormCloud.Emulator.Player;

/// <summary>
/// The cmi values the player loads with <c>loadFromJSON</c> before the SCO initialises: learner, mode, credit,
/// entry (resume after exit=suspend), total time, mastery score, and — on resume (always in 1.2, which has no
/// attempts) — location, suspend data, status and score.
/// </summary>
public static class PlayerState
{
    public static Dictionary<string, object?> Build(RegistrationRecord r, int instance, CourseVersion course)
    {
        lock (r.Gate)
        {
            var p = (r.Find(instance) ?? r.Current).Progress;
            var cmi = p.Cmi;
            var resume = p.LastExit == "suspend";
            var firstLaunch = cmi is null;
            var learnerName = string.Join(", ", new[] { r.Learner.LastName, r.Learner.FirstName }.Where(n => !string.IsNullOrWhiteSpace(n)));
            if (Cmi.IsScorm12(course.LearningStandard))
            {
                var core = new Dictionary<string, object?>
                {
                    ["student_id"] = r.Learner.Id,
                    ["student_name"] = learnerName,
                    ["lesson_mode"] = "normal",
                    ["credit"] = "credit",
                    ["entry"] = resume ? "resume" : firstLaunch ? "ab-initio" : "",
                    ["total_time"] = ScormTime.ToScorm12(p.TotalSeconds),
                    ["lesson_location"] = Cmi.Get(cmi, "core.lesson_location"),
                    ["lesson_status"] = Cmi.Get(cmi, "core.lesson_status"),
                };
                var state12 = new Dictionary<string, object?> { ["core"] = core, ["suspend_data"] = Cmi.Get(cmi, "suspend_data") };
                if (Cmi.Get(cmi, "core.score.raw") is { } raw)
                {
                    core["score"] = new { raw, min = Cmi.Get(cmi, "core.score.min"), max = Cmi.Get(cmi, "core.score.max") };
                }
                if (Decimal(course.Sco.MasteryScore) is { } mastery) state12["student_data"] = new { mastery_score = mastery };
                return state12;
            }
            var state = new Dictionary<string, object?>
            {
                ["learner_id"] = r.Learner.Id,
                ["learner_name"] = learnerName,
                ["mode"] = "normal",
                ["credit"] = "credit",
                ["entry"] = resume ? "resume" : "ab-initio",
                ["total_time"] = ScormTime.ToIso(resume ? p.TotalSeconds : 0),
                ["scaled_passing_score"] = Decimal(course.Sco.MasteryScore),
            };
            if (resume)
            {
                state["location"] = Cmi.Get(cmi, "location");
                state["suspend_data"] = Cmi.Get(cmi, "suspend_data");
                state["completion_status"] = Cmi.Get(cmi, "completion_status");
                state["success_status"] = Cmi.Get(cmi, "success_status");
            }
            return state;
        }
    }

    private static string? Decimal(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString(CultureInfo.InvariantCulture) : null;
}
