using ScormFunctions.LocalHost.Development;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>Maps every API route under /api, the same routes the Functions shell declares.</summary>
public static class ApiEndpoints
{
    public static WebApplication MapScormFunctionsApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapHealthEndpoints();
        api.MapCourseEndpoints();
        api.MapRegistrationEndpoints();
        api.MapImportEndpoints();
        api.MapAdminEndpoints();
        api.MapLearnerEndpoints();
        api.MapEventEndpoints();
        if (app.Environment.IsDevelopment())
        {
            api.MapDevTokens();
            if (DevEventInbox.IsEnabled(app.Configuration, app.Environment)) api.MapDevEventInbox();
        }
        return app;
    }
}
