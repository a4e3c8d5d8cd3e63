using System.Security.Cryptography;
using ScormCloud.Client;
using ScormCloud.Client.Models;

namespace ScormFunctions.Testing;

/// <summary>Settings shared by tests that run the core or a local host process against Azurite and the emulator.</summary>
public static class TestSettings
{
    /// <summary>Records on Azurite under a table prefix and containers of their own, SCORM Cloud = the emulator, fresh signing keys.</summary>
    public static Dictionary<string, string?> Isolated(string prefix, EmulatorServer emulator)
    {
        ArgumentNullException.ThrowIfNull(emulator);
        return new()
        {
            ["Storage:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:TablePrefix"] = prefix,
            ["Storage:UploadsContainer"] = prefix + "-uploads",
            ["Storage:ArchiveContainer"] = prefix + "-postbacks",
            ["Registrations:ResultsContainer"] = prefix + "-results",
            ["ScormCloud:BaseUrl"] = emulator.BaseUrl.AbsoluteUri,
            ["ScormCloud:AppId"] = emulator.AppId,
            ["ScormCloud:SecretKey"] = emulator.SecretKey,
            ["Signing:LaunchKey"] = NewKey(),
            ["Signing:PostbackKey"] = NewKey(),
        };
    }

    /// <summary>
    /// <see cref="Isolated"/> plus what a <see cref="LocalHostProcess"/> on <paramref name="port"/> needs: development
    /// tokens, its own task hub (one partition, quick polling, messages of a killed host visible again after 5 s).
    /// </summary>
    public static Dictionary<string, string?> LocalHostProcess(string prefix, int port, EmulatorServer emulator)
    {
        var settings = Isolated(prefix, emulator);
        settings["Auth:Issuer"] = "https://scormfunctions.local/test";
        settings["Auth:Audience"] = "api://scormfunctions-test";
        settings["Auth:DevelopmentSigningKey"] = NewKey();
        settings["LocalData:Path"] = Path.Combine(Path.GetTempPath(), prefix);
        settings["App:PublicBaseUrl"] = $"http://127.0.0.1:{port}";
        settings["Durable:TaskHubName"] = prefix + "Hub";
        settings["Durable:PartitionCount"] = "1";
        settings["Durable:MaxQueuePollingInterval"] = "00:00:00.500";
        settings["Durable:MessageVisibilityTimeout"] = "00:00:05";
        settings["Development:AzuriteBlobCors"] = "false";
        return settings;
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}

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
