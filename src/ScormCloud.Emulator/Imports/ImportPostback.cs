using System.Net.Http.Json;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Store;

namespace ScormCloud.Emulator.Imports;

/// <summary>
/// POSTs the finished job's <c>ImportJobResultSchema</c> JSON to the job's <c>postbackUrl</c> (payload unverified:
/// the real service does not document it). Best effort: 3 attempts, 1 s then 2 s apart.
/// </summary>
public sealed class ImportPostback(IHttpClientFactory clients, EmulatorStore store, TimeProvider time, ILogger<ImportPostback> logger)
{
    public async Task SendAsync(ImportJob job, CancellationToken ct)
    {
        var url = job.PostbackUrl!;
        var payload = ImportJson.Result(job, store, time.GetUtcNow());
        var client = clients.CreateClient(Postbacks.PostbackSender.ClientName);
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync(url, payload, ApiJson.Options, ct);
                if ((int)response.StatusCode < 400)
                {
                    logger.LogInformation("Import postback for job {JobId} delivered to {Url}", job.Id, url);
                    return;
                }
                logger.LogWarning("Import postback for job {JobId} got {Status}", job.Id, (int)response.StatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Import postback for job {JobId} to {Url} failed: {Error}", job.Id, url, e.Message);
            }
            if (attempt < 3) await Task.Delay(TimeSpan.FromSeconds(attempt), time, ct);
        }
    }
}
