using ScormCloud.Client.Models;

namespace ScormCloud.Client.Tests.Emulator;

internal static class ImportPolling
{
    /// <summary>Polls an import job until it leaves RUNNING (at most 30 s).</summary>
    public static async Task<ImportJobResult> WaitAsync(ScormCloudClient client, string jobId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var job = await client.GetImportJobStatusAsync(jobId, timeout.Token);
            if (job.Status != ImportJobStatus.Running) return job;
            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }

    /// <summary>Uploads a shared test package (streamed from disk) and waits for the import.</summary>
    public static async Task<ImportJobResult> UploadAsync(
        ScormCloudClient client, string courseId, string packageName, CancellationToken cancellationToken, bool mayCreateNewVersion = false)
    {
        await using var package = File.OpenRead(ScormFunctions.Testing.RepoPaths.Package(packageName));
        var jobId = await client.CreateUploadImportJobAsync(
            courseId, package,
            new UploadImportOptions { MayCreateNewVersion = mayCreateNewVersion, ContentLength = package.Length, FileName = packageName },
            cancellationToken);
        return await WaitAsync(client, jobId, cancellationToken);
    }
}
