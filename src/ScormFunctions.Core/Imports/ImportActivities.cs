using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ScormCloud.Client;
using ScormCloud.Client.Models;
using ScormFunctions.Core.Configuration;
using ScormFunctions.Core.Courses;
using ScormFunctions.Core.Registrations.Retakes;
using ScormFunctions.Core.Storage;
using ScormFunctions.Core.Telemetry;
using CloudStandard = ScormCloud.Client.Models.LearningStandard;

namespace ScormFunctions.Core.Imports;

/// <summary>Input of the start and poll activities: small and flat.</summary>
public sealed record ImportActivityInput(string CourseId, string ImportId, string? JobId, string? TraceParent = null)
{
    public static ImportActivityInput From(ImportRunState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new(state.CourseId, state.ImportId, state.JobId, state.TraceParent);
    }
}

/// <summary>
/// The I/O steps of an import, behind the orchestration's activities in every host. Transient failures (SCORM Cloud
/// 5xx/429/transport, storage) throw so the caller's retry policy applies; permanent ones come back as observations.
/// Every step is safe to repeat.
/// </summary>
public sealed class ImportActivities(
    ImportRepository imports,
    CourseRepository courses,
    BlobContainerProvider containers,
    IUploadUrlSigner signer,
    ImportPostbackSigner postbacks,
    IServiceProvider services,
    IOptions<ImportOptions> options,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ImportActivities> logger)
{
    private ScormCloudClient Client => services.GetRequiredService<ScormCloudClient>();

    /// <summary>
    /// Starts SCORM Cloud's import job unless one is recorded already (then returns it). Each call to SCORM Cloud is
    /// counted on the import record first. On 409 "already exists" without mayCreateNewVersion: if an earlier start of
    /// this import happened and its job id is unknown (its answer was lost, e.g. a relay that timed out after SCORM
    /// Cloud had the package), the 409 is our own ghost and the start is retried once as a new version; otherwise the
    /// course really exists and the import fails with SCORM Cloud's message.
    /// </summary>
    public async Task<ImportObservation> StartJobAsync(ImportActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var span = ScormTelemetry.StartImportStep("import.start_job", input.CourseId, input.ImportId, input.TraceParent);
        using var scope = logger.BeginScope(LogScopes.Import(input.CourseId, input.ImportId));
        var observation = await StartJobCoreAsync(input, cancellationToken);
        span?.SetTag(ScormTags.JobId, observation.JobId);
        span?.SetTag("scorm.observation", observation.Kind.ToString());
        if (observation.Kind == ImportObservationKind.StartRefused) span.Fail(observation.Message);
        return observation;
    }

    private async Task<ImportObservation> StartJobCoreAsync(ImportActivityInput input, CancellationToken cancellationToken)
    {
        var import = await imports.GetAsync(input.CourseId, input.ImportId, cancellationToken);
        if (import is null) return ImportObservation.Refused($"Import {input.ImportId} of course {input.CourseId} has no record.");
        if (import.JobId is { } recorded)
        {
            logger.LogInformation("Import {ImportId} of course {CourseId}: job {JobId} already started; not starting another",
                input.ImportId, input.CourseId, recorded);
            return ImportObservation.Started(recorded);
        }
        if (ImportStatus.IsFinal(import.Status)) return ImportObservation.Refused(import.Error ?? $"The import already ended as {import.Status}.");
        if (import.StartAttempts > 0 && !import.MayCreateNewVersion && await EarlierJobAsync(import, cancellationToken) is { } earlier) return earlier;

        var blob = await BlobAsync(import.BlobName, cancellationToken); // before counting: it calls no one
        // Counted as unanswered until an answer comes back; an answer that is not a job (429, 5xx, a storage failure)
        // puts back the unanswered time of the calls before it, so only a lost answer is ever waited for.
        var now = WholeMilliseconds(time.GetUtcNow()); // compared after a storage round trip (AnsweredWithoutJobAsync)
        DateTimeOffset? unansweredBefore = null;
        var counted = await imports.UpdateWithRetryAsync(input.CourseId, input.ImportId, i =>
        {
            if (i.JobId is not null) return false;
            unansweredBefore = i.UnansweredStartAt;
            i.StartAttempts++;
            i.UnansweredStartAt = now;
            return true;
        }, cancellationToken) ?? import;
        if (counted.JobId is { } raced) return ImportObservation.Started(raced);
        var earlierAttemptUnknown = counted.StartAttempts > 1;
        var mode = import.Mode == ImportEntity.Key(ImportMode.Fetch) ? ImportMode.Fetch : ImportMode.Relay;
        string jobId;
        try
        {
            jobId = await StartAsync(import, mode, blob, import.MayCreateNewVersion, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsAlreadyExists && !import.MayCreateNewVersion)
        {
            if (!earlierAttemptUnknown) return Refuse(import, ex);
            logger.LogWarning("Import {ImportId}: SCORM Cloud says course {CourseId} already exists after an earlier start of this import " +
                "whose answer was lost ({Attempts} attempts); retrying as a new version", input.ImportId, input.CourseId, counted.StartAttempts);
            try
            {
                jobId = await StartAsync(import, mode, blob, mayCreateNewVersion: true, cancellationToken);
            }
            catch (ScormCloudException again) when (!again.IsTransient)
            {
                return Refuse(import, again);
            }
        }
        catch (ScormCloudException ex) when (!ex.IsTransient)
        {
            return Refuse(import, ex);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            logger.LogWarning("Import {ImportId} of course {CourseId}: the uploaded blob {Blob} is gone", input.ImportId, input.CourseId, import.BlobName);
            return ImportObservation.Refused("The uploaded package is no longer in storage; upload it again.");
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            // Overwritten through the upload URL after the checks at import start: never import unchecked bytes.
            logger.LogWarning("Import {ImportId} of course {CourseId}: the uploaded blob {Blob} changed after it was inspected (ETag {ETag})",
                input.ImportId, input.CourseId, import.BlobName, import.PackageETag);
            return ImportObservation.Refused(PackageChanged);
        }
        catch (Exception ex) when (StartedNoJob(ex))
        {
            // An answer, not a lost one: this attempt started nothing, so it must not make a later 409 look like our ghost.
            await AnsweredWithoutJobAsync(input, now, unansweredBefore, uncount: true);
            throw;
        }
        catch (ScormCloudException ex) when (ex.Status >= 500)
        {
            // SCORM Cloud answered, so this call's answer was not lost: the retry need not wait for its job
            // (EarlierJobAsync). It stays counted: a 5xx does not prove that nothing started (the 409 rule above).
            await AnsweredWithoutJobAsync(input, now, unansweredBefore, uncount: false);
            throw;
        }

        var saved = await imports.UpdateWithRetryAsync(input.CourseId, input.ImportId, i =>
        {
            if (i.JobId is not null) return false;
            i.JobId = jobId;
            return true;
        }, cancellationToken);
        var kept = saved?.JobId ?? jobId;
        if (kept != jobId)
        {
            logger.LogWarning("Import {ImportId} of course {CourseId}: job {JobId} started concurrently with recorded job {RecordedJobId}; following the recorded one",
                input.ImportId, input.CourseId, jobId, kept);
        }
        logger.LogInformation("Import {ImportId} of course {CourseId}: SCORM Cloud job {JobId} started ({Mode})", input.ImportId, input.CourseId, kept, import.Mode);
        return ImportObservation.Started(kept);
    }

    /// <summary>
    /// The start counted at <paramref name="countedAt"/> got an answer that is not a job: it is no longer unanswered (the
    /// calls before it are as they were), and with <paramref name="uncount"/> (it provably started nothing) no longer
    /// counted. Left alone if another start was counted since.
    /// </summary>
    private Task<ImportEntity?> AnsweredWithoutJobAsync(ImportActivityInput input, DateTimeOffset countedAt, DateTimeOffset? unansweredBefore, bool uncount) =>
        imports.UpdateWithRetryAsync(input.CourseId, input.ImportId, i =>
        {
            if (i.JobId is not null || i.UnansweredStartAt != countedAt) return false;
            i.UnansweredStartAt = unansweredBefore;
            if (uncount && i.StartAttempts > 0) i.StartAttempts--;
            return true;
        }, CancellationToken.None);

    private static DateTimeOffset WholeMilliseconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % TimeSpan.TicksPerMillisecond));

    /// <summary>
    /// An earlier start of this import made the call and its answer was lost (the host died, the call timed out): SCORM
    /// Cloud may have a job we do not know the id of. Starting again would import the package twice, so: if the course
    /// now exists with the inspected title, that job finished and its course is this import's result (no job id); if it
    /// does not exist yet, wait (up to <see cref="ImportOptions.LostStartWait"/> after that call) for the job to create
    /// it; after that, start again. Null when starting again is right.
    /// </summary>
    private async Task<ImportObservation?> EarlierJobAsync(ImportEntity import, CancellationToken cancellationToken)
    {
        Course course;
        try
        {
            course = await Client.GetCourseAsync(import.PartitionKey, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsNotFound)
        {
            var since = time.GetUtcNow() - import.UnansweredStartAt;
            if (since is null || since >= options.Value.LostStartWait) return null;
            logger.LogInformation("Import {ImportId} of course {CourseId}: the answer to an earlier start was lost {Since} ago and SCORM Cloud has no such course yet; " +
                "waiting for that job before starting another", import.RowKey, import.PartitionKey, since);
            return ImportObservation.Unreachable("Waiting for the job of an earlier start whose answer was lost.");
        }
        if (course is null || (!string.IsNullOrEmpty(import.Title) && !string.Equals(course.Title, import.Title, StringComparison.Ordinal))) return null;
        logger.LogWarning("Import {ImportId} of course {CourseId}: the answer to an earlier start was lost and SCORM Cloud has the course ('{Title}' v{Version}); " +
            "taking it as this import's result instead of importing again", import.RowKey, import.PartitionKey, course.Title, course.Version);
        return new ImportObservation(ImportObservationKind.Complete, null, "Imported by an earlier start whose answer was lost.",
            course.Title, StandardName(course), course.Version, []);
    }

    /// <summary>Asks SCORM Cloud how the job is doing. An unknown job is an error (ids expire a week after the import ends).</summary>
    public async Task<ImportObservation> PollAsync(ImportActivityInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.JobId is null) throw new ArgumentException("Poll needs a job id.", nameof(input));
        using var span = ScormTelemetry.StartImportStep("import.poll", input.CourseId, input.ImportId, input.TraceParent);
        span?.SetTag(ScormTags.JobId, input.JobId);
        using var scope = logger.BeginScope(LogScopes.Import(input.CourseId, input.ImportId));
        var observation = await PollCoreAsync(input, input.JobId, cancellationToken);
        span?.SetTag("scorm.observation", observation.Kind.ToString());
        return observation;
    }

    private async Task<ImportObservation> PollCoreAsync(ImportActivityInput input, string jobId, CancellationToken cancellationToken)
    {
        ImportJobResult job;
        try
        {
            job = await Client.GetImportJobStatusAsync(jobId, cancellationToken);
        }
        catch (ScormCloudException ex) when (ex.IsNotFound)
        {
            return ImportObservation.Failed(jobId, $"SCORM Cloud does not know import job {jobId}.");
        }
        var observation = job.Status switch
        {
            ImportJobStatus.Complete => new ImportObservation(ImportObservationKind.Complete, jobId, job.Message,
                job.ImportResult?.Course?.Title, StandardName(job.ImportResult?.Course), job.ImportResult?.Course?.Version,
                job.ImportResult?.ParserWarnings ?? []),
            ImportJobStatus.Error => ImportObservation.Failed(jobId, job.Message ?? "SCORM Cloud reported an import error without a message."),
            _ => ImportObservation.StillRunning(jobId),
        };
        logger.LogInformation("Import {ImportId} of course {CourseId}: job {JobId} is {JobStatus}", input.ImportId, input.CourseId, jobId, job.Status);
        return observation;
    }

    /// <summary>
    /// Writes the outcome to the course record (when this is still its latest import) and then the import record, so a
    /// final import always has its course updated; deletes the uploaded blob after success and keeps it after failure
    /// (retention: Imports:FailedUploadRetentionDays). Idempotent: a repeat after a partial write finishes it.
    /// </summary>
    public async Task RecordAsync(ImportOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        using var scope = logger.BeginScope(LogScopes.Import(outcome.CourseId, outcome.ImportId));
        var current = await imports.GetAsync(outcome.CourseId, outcome.ImportId, cancellationToken);
        using var span = ScormTelemetry.StartImportStep("import.record", outcome.CourseId, outcome.ImportId, current?.TraceParent);
        span?.SetTag(ScormTags.JobId, outcome.JobId);
        span?.SetTag(ScormTags.Status, outcome.Status);
        if (current is null)
        {
            logger.LogWarning("Import {ImportId} of course {CourseId} has no record; outcome {Status} not recorded", outcome.ImportId, outcome.CourseId, outcome.Status);
            return;
        }
        if (outcome.Status != ImportStatus.Succeeded) span.Fail(outcome.Error);
        // A repeat after the import was recorded keeps the recorded result.
        var recorded = ImportStatus.IsFinal(current.Status);
        var status = recorded ? current.Status : outcome.Status;
        var succeeded = status == ImportStatus.Succeeded;
        var title = succeeded && !recorded ? outcome.Title ?? current.Title : current.Title;
        var standard = succeeded && !recorded ? outcome.LearningStandard ?? current.LearningStandard : current.LearningStandard;
        var version = succeeded && !recorded ? outcome.Version ?? current.Version : current.Version;
        var warnings = succeeded && !recorded && outcome.ParserWarnings.Count > 0 ? JsonSerializer.Serialize(outcome.ParserWarnings) : current.ParserWarnings;
        var error = recorded ? current.Error : (succeeded ? null : outcome.Error);
        if (succeeded && current.WhenToRestartRegistration is { } restart)
        {
            // Before the import is recorded as final, so a failure here is retried with the recording step.
            await CourseRestartSetting.ApplyAsync(Client, outcome.CourseId, restart, logger, cancellationToken);
        }

        await courses.UpdateWithRetryAsync(outcome.CourseId, c =>
        {
            if (c.Status == CourseStatus.Deleted) return false;
            var latest = c.LatestImportId is null || c.LatestImportId == outcome.ImportId;
            if (succeeded)
            {
                if (!latest && (c.Version ?? -1) >= (version ?? -1)) return false;
                if (latest && c.Status == CourseStatus.Ready && c.Version == version && c.LastError is null) return false;
                c.Status = CourseStatus.Ready;
                c.Title = title;
                c.LearningStandard = standard;
                c.Version = version;
                c.ParserWarnings = warnings;
                c.LastError = null;
                c.LatestImportId = outcome.ImportId;
                return true;
            }
            var newStatus = c.Version is null ? CourseStatus.Failed : CourseStatus.Ready;
            if (!latest || (c.Status == newStatus && c.LastError == error)) return false;
            c.LastError = error;
            c.Status = newStatus;
            return true;
        }, cancellationToken);

        var now = time.GetUtcNow();
        var finishedNow = false;
        var import = await imports.UpdateWithRetryAsync(outcome.CourseId, outcome.ImportId, i =>
        {
            finishedNow = !ImportStatus.IsFinal(i.Status); // per attempt: a conflict retry may find it final
            if (!finishedNow) return false;
            i.Status = status;
            i.JobId ??= outcome.JobId;
            i.Title = title;
            i.LearningStandard = standard;
            i.Version = version;
            i.ParserWarnings = warnings;
            i.Error = error;
            i.FinishedAt = now;
            return true;
        }, cancellationToken) ?? current;
        if (finishedNow) CountFinished(import, now);

        var uploaded = await BlobAsync(import.BlobName, cancellationToken);
        if (succeeded)
        {
            await uploaded.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
        else if (import.Mode == ImportEntity.Key(ImportMode.Fetch) && !string.IsNullOrEmpty(import.PackageETag))
        {
            // SCORM Cloud is done with the fetch snapshot; the failed upload itself is kept for the retention period.
            try
            {
                await uploaded.DeleteIfExistsAsync(DeleteSnapshotsOption.OnlySnapshots, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException ex) when (ex.Status is 404 or 409)
            {
                logger.LogInformation("Import {ImportId}: no snapshot of {Blob} to delete ({Status})", outcome.ImportId, import.BlobName, ex.Status);
            }
        }
        var level = succeeded ? LogLevel.Information : LogLevel.Warning;
        logger.Log(level, "Import {ImportId} of course {CourseId} (job {JobId}) ended {Status}: '{Title}' {LearningStandard} v{Version} {Error}",
            outcome.ImportId, outcome.CourseId, import.JobId, import.Status, import.Title, import.LearningStandard, import.Version, import.Error);
    }

    /// <summary>Counted once per import: only by the write that made it final (a repeated record finds it final already).</summary>
    private static void CountFinished(ImportEntity import, DateTimeOffset finishedAt)
    {
        var status = new KeyValuePair<string, object?>(ScormTags.Status, import.Status);
        ScormTelemetry.ImportsFinished.Add(1, status);
        ScormTelemetry.ImportDuration.Record(Math.Max(0, (finishedAt - import.StartedAt).TotalSeconds), status);
        ScormTelemetry.ImportsRunning.Add(-1);
    }

    private async Task<string> StartAsync(ImportEntity import, ImportMode mode, BlobClient blob, bool mayCreateNewVersion, CancellationToken cancellationToken)
    {
        var postbackUrl = postbacks.PostbackUrl(import.PartitionKey, import.RowKey);
        var inspected = string.IsNullOrEmpty(import.PackageETag) ? (ETag?)null : new ETag(import.PackageETag);
        if (mode == ImportMode.Fetch)
        {
            // SCORM Cloud fetches later, at its own pace: give it a snapshot taken under the inspected ETag (412 if the
            // blob has changed), which the upload URL cannot overwrite.
            var source = blob;
            if (inspected is { } etag)
            {
                var snapshot = await blob.CreateSnapshotAsync(conditions: new BlobRequestConditions { IfMatch = etag }, cancellationToken: cancellationToken);
                source = blob.WithSnapshot(snapshot.Value.Snapshot);
            }
            var url = await signer.SignReadAsync(source, time.GetUtcNow() + options.Value.FetchUrlLifetime, cancellationToken);
            logger.LogInformation("Import {ImportId} of course {CourseId}: asking SCORM Cloud to fetch {BlobUrl} (new version: {MayCreateNewVersion})",
                import.RowKey, import.PartitionKey, UploadUrlSigners.WithoutQuery(url), mayCreateNewVersion);
            return await Client.CreateFetchImportJobAsync(import.PartitionKey, url,
                new FetchImportOptions { MayCreateNewVersion = mayCreateNewVersion, PostbackUrl = postbackUrl }, cancellationToken);
        }

        logger.LogInformation("Import {ImportId} of course {CourseId}: relaying {Blob} ({Bytes} bytes) to SCORM Cloud (new version: {MayCreateNewVersion})",
            import.RowKey, import.PartitionKey, import.BlobName, import.PackageBytes, mayCreateNewVersion);
        return await PackageRelay.RelayAsync(blob, inspected, (stream, length, ct) => Client.CreateUploadImportJobAsync(import.PartitionKey, stream,
            new UploadImportOptions
            {
                MayCreateNewVersion = mayCreateNewVersion,
                PostbackUrl = postbackUrl,
                FileName = import.RowKey + ".zip",
                ContentLength = length,
            }, ct), cancellationToken);
    }

    /// <summary>
    /// Failures that prove SCORM Cloud started no job: it answered 429 (not processed), or storage failed (signing the
    /// read URL or opening the blob, before SCORM Cloud was called; or mid-relay, so SCORM Cloud got a truncated body).
    /// Timeouts, transport errors and 5xx stay counted: their outcome is unknown.
    /// </summary>
    private static bool StartedNoJob(Exception ex) =>
        ex is ScormCloudException { Status: 429 } or RequestFailedException;

    private ImportObservation Refuse(ImportEntity import, ScormCloudException ex)
    {
        logger.LogWarning("Import {ImportId} of course {CourseId}: SCORM Cloud refused the job with {Status}: {Message}",
            import.RowKey, import.PartitionKey, ex.Status, ex.ServiceMessage ?? ex.Message);
        return ImportObservation.Refused(ex.ServiceMessage ?? ex.Message);
    }

    private async Task<BlobClient> BlobAsync(string blobName, CancellationToken cancellationToken)
    {
        var container = await containers.GetContainerAsync(storage.Value.UploadsContainer, cancellationToken);
        return container.GetBlobClient(blobName);
    }

    /// <summary>Why an import whose package was overwritten after its inspection is refused.</summary>
    public const string PackageChanged =
        "The uploaded package changed after it was checked at import start. Upload it again and start a new import.";

    /// <summary>SCORM Cloud's wire name of the course's standard (e.g. SCORM20043RDEDITION).</summary>
    public static string? StandardName(Course? course) => course?.CourseLearningStandard switch
    {
        null => null,
        CloudStandard.Scorm11 => "SCORM11",
        CloudStandard.Scorm12 => "SCORM12",
        CloudStandard.Scorm2004SecondEdition => "SCORM20042NDEDITION",
        CloudStandard.Scorm2004ThirdEdition => "SCORM20043RDEDITION",
        CloudStandard.Scorm2004FourthEdition => "SCORM20044THEDITION",
        CloudStandard.Aicc => "AICC",
        CloudStandard.Xapi => "XAPI",
        CloudStandard.Cmi5 => "CMI5",
        CloudStandard.Lti13 => "LTI13",
        _ => "UNKNOWN",
    };
}
