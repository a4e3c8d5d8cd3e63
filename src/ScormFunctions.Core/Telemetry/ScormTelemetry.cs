using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace ScormFunctions.Core.Telemetry;

/// <summary>
/// Our own spans and instruments, named "ScormFunctions" in both hosts (the hosts' OpenTelemetry setup subscribes to
/// <see cref="Name"/>). Static, like the runtime's own sources: a listener anywhere in the process sees them, with no
/// service to inject into the orchestration's activities. Tag names are in <see cref="ScormTags"/>.
/// </summary>
public static class ScormTelemetry
{
    public const string Name = "ScormFunctions";

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>Imports that reached a final status; tag <c>status</c> = succeeded | failed | timedOut.</summary>
    public static readonly Counter<long> ImportsFinished = Meter.CreateCounter<long>(
        "scorm.imports.finished", "{import}", "Imports that reached a final status, by status.");

    /// <summary>From the import start to its recorded outcome; tag <c>status</c>.</summary>
    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>(
        "scorm.import.duration", "s", "Time from the import start to its recorded outcome, by status.");

    /// <summary>
    /// +1 when an import starts tracking, −1 when its outcome is recorded: summed over instances, the imports running.
    /// An up-down counter rather than a gauge over storage because reading every running import per collection is not cheap.
    /// </summary>
    public static readonly UpDownCounter<long> ImportsRunning = Meter.CreateUpDownCounter<long>(
        "scorm.imports.running", "{import}", "Imports started minus imports finished (sum over instances).");

    /// <summary>
    /// Age of the oldest import whose record is still running (0 when none), from the import records: measured by the
    /// periodic sweep (<see cref="Imports.RunningImportsProbe"/>), once per sweep by whichever instance ran it, because a
    /// query per metric collection on every instance is not cheap. Catches what the counters cannot: an import whose
    /// tracking never started or died.
    /// </summary>
    public static readonly Gauge<double> OldestRunningImportAge = Meter.CreateGauge<double>(
        "scorm.imports.oldest_running_age", "s", "Age of the oldest import still running, measured by the periodic sweep.");

    /// <summary>Registration postbacks by <c>outcome</c>: applied, stale, duplicate, unknown, unauthorized, invalid, deferred.</summary>
    public static readonly Counter<long> Postbacks = Meter.CreateCounter<long>(
        "scorm.postbacks", "{postback}", "Registration postbacks received, by outcome.");

    /// <summary>Pending registrations older than Registrations:PendingRepairAfter found by a sweep (each is then repaired).</summary>
    public static readonly Counter<long> RegistrationsPendingOverdue = Meter.CreateCounter<long>(
        "scorm.registrations.pending_overdue", "{registration}", "Pending registrations found past the repair threshold by a sweep.");

    /// <summary>
    /// Every pending registration (young or overdue) the last sweep saw: recorded once per sweep, from the query the
    /// sweep runs anyway. Pending normally lasts one SCORM Cloud call; a level that stays up means creations are stuck.
    /// </summary>
    public static readonly Gauge<long> RegistrationsPending = Meter.CreateGauge<long>(
        "scorm.registrations.pending", "{registration}", "Pending registrations seen by the last sweep.");

    /// <summary>Pending registrations the sweep resolved, by <c>status</c> (the record's status after the repair, or error).</summary>
    public static readonly Counter<long> RegistrationsRepaired = Meter.CreateCounter<long>(
        "scorm.registrations.repaired", "{registration}", "Pending registrations the sweep repaired, by resulting status.");

    /// <summary>SCORM Cloud HTTP attempts (each retry counts) by <c>operation</c> and <c>status</c> (HTTP code, or error).</summary>
    public static readonly Counter<long> ScormCloudRequests = Meter.CreateCounter<long>(
        "scorm.cloud.requests", "{request}", "SCORM Cloud HTTP attempts, by operation and status code.");

    public static readonly Histogram<double> ScormCloudDuration = Meter.CreateHistogram<double>(
        "scorm.cloud.request.duration", "s", "Duration of SCORM Cloud HTTP attempts, by operation and status code.");

    /// <summary>Reconciliation runs; tag <c>complete</c> = true when the run reached the end of SCORM Cloud's list.</summary>
    public static readonly Counter<long> ReconcileRuns = Meter.CreateCounter<long>(
        "scorm.reconcile.runs", "{run}", "Reconciliation sweeps run, by whether they completed.");

    /// <summary>Registrations a reconciliation run offered to the results store, by <c>outcome</c>.</summary>
    public static readonly Counter<long> ReconcileRegistrations = Meter.CreateCounter<long>(
        "scorm.reconcile.registrations", "{registration}", "Registrations examined by reconciliation, by outcome (applied = changed).");

    /// <summary>
    /// Starts a span of an import step run by the orchestration. Durable Functions propagates the trace into activities,
    /// the local Durable Task Framework engine does not: without a current span the step becomes a child of the request
    /// that started the import (its traceparent is stored with the import), so each import is one trace; with one, the
    /// starting request is kept as a link.
    /// </summary>
    public static Activity? StartImportStep(string name, string courseId, string importId, string? traceParent) =>
        StartStep(name, traceParent)?.SetTag(ScormTags.CourseId, courseId).SetTag(ScormTags.ImportId, importId);

    /// <summary>A span of an orchestration step in the trace of the request that started it (see <see cref="StartImportStep"/>).</summary>
    public static Activity? StartStep(string name, string? traceParent)
    {
        ActivityContext.TryParse(traceParent, null, out var started);
        return Activity.Current is null && started != default
            ? Source.StartActivity(name, ActivityKind.Internal, started)
            : Source.StartActivity(name, ActivityKind.Internal, parentContext: default,
                links: started == default ? null : [new ActivityLink(started)]);
    }

    /// <summary>Marks a span failed with a short reason (no exception object: the logs carry that).</summary>
    public static void Fail(this Activity? activity, string? reason)
    {
        activity?.SetStatus(ActivityStatusCode.Error, reason);
    }
}

/// <summary>Tag names shared by spans, metrics and log scopes.</summary>
public static class ScormTags
{
    public const string CourseId = "scorm.course_id";
    public const string ImportId = "scorm.import_id";
    public const string JobId = "scorm.job_id";
    public const string RegistrationId = "scorm.registration_id";
    public const string Status = "status";
    public const string Outcome = "outcome";
    public const string Operation = "operation";
}
