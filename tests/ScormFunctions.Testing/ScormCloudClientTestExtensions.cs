using ScormCloud.Client;
using ScormCloud.Client.Models;

namespace ScormFunctions.Testing;

public static class ScormCloudClientTestExtensions
{
    /// <summary>Imports a shared test package as <paramref name="courseId"/> (streamed upload, then polls the job to COMPLETE).</summary>
    public static async Task ImportPackageAsync(this ScormCloudClient cloud, string courseId, string package, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        await using var file = File.OpenRead(RepoPaths.Package(package));
        var jobId = await cloud.CreateUploadImportJobAsync(courseId, file, new UploadImportOptions { FileName = package }, cancellationToken);
        for (var i = 0; ; i++)
        {
            var job = await cloud.GetImportJobStatusAsync(jobId, cancellationToken);
            if (job.Status == ImportJobStatus.Complete) return;
            if (job.Status == ImportJobStatus.Error) throw new InvalidOperationException($"Import of {package} failed: {job.Message}");
            if (i >= 200) throw new TimeoutException($"Import of {package} did not finish.");
            await Task.Delay(50, cancellationToken);
        }
    }
}
