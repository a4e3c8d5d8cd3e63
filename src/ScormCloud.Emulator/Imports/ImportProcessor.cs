using Scorm.Packaging;
using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Imports;

/// <summary>
/// Runs an import job in the background: obtain the zip, inspect and extract it with Scorm.Packaging, wait until the
/// job's RUNNING period is over, then publish the course version (or the error) and send the job's postback.
/// </summary>
public sealed class ImportProcessor(
    EmulatorStore store,
    DataDirectory data,
    TimeProvider time,
    ImportPostback postback,
    IHostApplicationLifetime lifetime,
    ILogger<ImportProcessor> logger)
{
    private readonly Lock publishGate = new();

    /// <summary>Starts the job; <paramref name="obtainPackage"/> returns the path of the zip on disk.</summary>
    public void Start(ImportJob job, Func<CancellationToken, Task<string>> obtainPackage)
    {
        var ct = lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(job, obtainPackage, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // shutting down
            }
        }, CancellationToken.None);
    }

    private async Task RunAsync(ImportJob job, Func<CancellationToken, Task<string>> obtainPackage, CancellationToken ct)
    {
        string? zipPath = null;
        try
        {
            zipPath = await obtainPackage(ct);
            var version = await ImportAsync(job, zipPath, ct);
            await WaitUntilReadyAsync(job, ct);
            Publish(job, version);
        }
        catch (ImportFailedException e)
        {
            DeleteContent(job);
            await WaitUntilReadyAsync(job, ct);
            job.Fail(e.Message);
            logger.LogInformation("Import job {JobId} for course {CourseId} failed: {Message}", job.Id, job.CourseId, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DeleteContent(job);
            await WaitUntilReadyAsync(job, ct);
            job.Fail("The import failed unexpectedly: " + e.Message);
            logger.LogError(e, "Import job {JobId} for course {CourseId} crashed", job.Id, job.CourseId);
        }
        finally
        {
            if (zipPath is not null) TryDelete(zipPath);
        }
        if (job.Status == ImportJob.Complete) logger.LogInformation("Import job {JobId}: course {CourseId} version {Version}", job.Id, job.CourseId, job.Result!.Version);
        if (job.PostbackUrl is not null) await postback.SendAsync(job, ct);
    }

    private async Task<PendingVersion> ImportAsync(ImportJob job, string zipPath, CancellationToken ct)
    {
        await using var zip = File.OpenRead(zipPath);
        var inspection = await PackageInspector.InspectAsync(zip, PackageLimits.Default, ct);
        if (inspection.Error is { } error) throw new ImportFailedException(error.Message);
        var manifest = inspection.Manifest!;
        var contentDirectory = data.ContentDirectory(job.Id);
        zip.Position = 0;
        try
        {
            await SafeZipExtractor.ExtractAsync(zip, contentDirectory, PackageLimits.Default, ct);
        }
        catch (PackageRejectedException e)
        {
            throw new ImportFailedException(e.Error.Message);
        }
        return new PendingVersion(manifest, inspection.Warnings, contentDirectory);
    }

    private void Publish(ImportJob job, PendingVersion pending)
    {
        lock (publishGate)
        {
            var now = time.GetUtcNow();
            var exists = store.Courses.TryGetValue(job.CourseId, out var course);
            if (exists && !job.MayCreateNewVersion) throw new ImportFailedException(AlreadyExists(job.CourseId));
            course ??= store.Courses.GetOrAdd(job.CourseId, id => new CourseRecord(id, store.NextSequence(), now));
            var m = pending.Manifest;
            var sco = m.Scos.FirstOrDefault(s => s.LaunchHref == m.LaunchHref) ?? m.Scos.FirstOrDefault();
            var launched = new LaunchedSco(sco?.ItemIdentifier ?? m.Identifier, sco?.Title ?? m.Title, sco?.MasteryScore);
            var version = new CourseVersion(course.NextVersion, m.Title, m.Standard.ToScormCloudName(), m.LaunchHref,
                m.Identifier, launched, pending.Warnings, job.Id, pending.ContentDirectory, now);
            course.Add(version);
            job.Succeed(version);
        }
    }

    private async Task WaitUntilReadyAsync(ImportJob job, CancellationToken ct)
    {
        var wait = job.ReadyAt - time.GetUtcNow();
        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, ct);
    }

    public static string AlreadyExists(string courseId) =>
        $"Course [{courseId}] already exists and mayCreateNewVersion is false.";

    private void DeleteContent(ImportJob job)
    {
        var directory = data.ContentDirectory(job.Id);
        try
        {
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete {Directory}", directory);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "Could not delete {Path}", path);
        }
    }

    private sealed record PendingVersion(PackageManifest Manifest, IReadOnlyList<string> Warnings, string ContentDirectory);
}

/// <summary>An author-facing reason why an import job ends in ERROR.</summary>
public sealed class ImportFailedException(string message) : Exception(message);
