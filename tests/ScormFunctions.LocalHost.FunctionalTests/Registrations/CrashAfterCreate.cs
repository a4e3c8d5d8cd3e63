using ScormCloud.Client;

namespace ScormFunctions.LocalHost.FunctionalTests.Registrations;

/// <summary>
/// Failure injection between SCORM Cloud and our record: while <see cref="Armed"/>, a registration create that
/// SCORM Cloud accepted has its answer "lost" (as a crash or timeout between SCORM Cloud and our write would).
/// Sits outside the client's retry pipeline, so the caller sees a failure without a response.
/// </summary>
public sealed class CrashAfterCreate
{
    public bool Armed { get; set; } = true;

    public int Crashes { get; private set; }

    /// <summary>Adds the injecting handler to the host's SCORM Cloud client.</summary>
    public void Register(IServiceCollection services) =>
        services.AddHttpClient<ScormCloudClient>().AddHttpMessageHandler(() => new Handler(this));

    private sealed class Handler(CrashAfterCreate owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (owner.Armed && request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.EndsWith("/registrations", StringComparison.Ordinal)
                && response.IsSuccessStatusCode)
            {
                owner.Crashes++;
                response.Dispose();
                throw new HttpRequestException("Simulated: SCORM Cloud created the registration, then the answer was lost.");
            }
            return response;
        }
    }
}
