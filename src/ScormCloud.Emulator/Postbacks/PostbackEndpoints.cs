using System.Text.Json;
using ScormCloud.Emulator.Api;

namespace ScormCloud.Emulator.Postbacks;

/// <summary><c>POST /registrations/postBackTest</c> (one attempt, no retry) and the <c>/emulator/postbacks</c> switch.</summary>
public static class PostbackEndpoints
{
    public sealed record PostbackSwitch(bool DuplicateAndReorder);

    public static void MapPostbackTestEndpoint(this RouteGroupBuilder api)
    {
        api.MapPost("/registrations/postBackTest", async (PostBackSchema body, PostbackSender sender, TimeProvider time,
            ILogger<PostbackSender> logger, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(body.Url)) return ApiResults.BadRequest("Required property 'url' is missing.");
            var settings = new Dictionary<string, string>();
            PostbackSettings.Apply(settings, body);
            var target = PostbackSettings.Resolve(settings)!;
            var now = ApiJson.Date(time.GetUtcNow());
            var sample = new
            {
                id = "postback-test", instance = 0, updated = now, registrationCompletion = "UNKNOWN",
                registrationCompletionAmount = 0, registrationSuccess = "UNKNOWN", totalSecondsTracked = 0, createdDate = now,
                course = new { id = "postback-test-course", title = "Postback Test", version = 0 },
                learner = new { id = "postback-test-learner", firstName = "Test", lastName = "Learner" },
            };
            var work = new PostbackWork("postback-test", target, JsonSerializer.Serialize(sample, ApiJson.Options));
            try
            {
                if (await sender.SendAsync(work, ct)) return Results.NoContent();
            }
            catch (HttpRequestException e)
            {
                logger.LogInformation("Test postback to {Url} failed: {Error}", body.Url, e.Message);
            }
            return ApiResults.BadRequest($"The test postback to {body.Url} was not accepted.");
        });
    }

    public static void MapPostbackSwitchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/emulator/postbacks", (PostbackQueue queue) => ApiResults.Json(new PostbackSwitch(queue.DuplicateAndReorder)));
        app.MapPost("/emulator/postbacks", (PostbackSwitch body, PostbackQueue queue, ILogger<PostbackQueue> logger) =>
        {
            queue.DuplicateAndReorder = body.DuplicateAndReorder;
            logger.LogInformation("Postback duplicate-and-reorder set to {Enabled}", body.DuplicateAndReorder);
            return Results.NoContent();
        });
    }
}
