using ScormCloud.Client;

namespace ScormFunctions.Core.Health;

/// <summary>SCORM Cloud is healthy when an authenticated ping succeeds (so bad credentials show up here too).</summary>
public sealed class ScormCloudHealthProbe(ScormCloudClient scormCloud) : IHealthProbe
{
    public string Name => "scormCloud";

    public async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await scormCloud.PingAsync(cancellationToken);
            return null;
        }
        catch (ScormCloudException ex)
        {
            return ex.Status == 401
                ? "SCORM Cloud rejected our credentials (401); check ScormCloud:AppId and ScormCloud:SecretKey."
                : $"SCORM Cloud answered {ex.Status}: {ex.ServiceMessage}";
        }
        catch (HttpRequestException ex)
        {
            return $"SCORM Cloud is unreachable ({ex.HttpRequestError}).";
        }
    }
}
