using ScormFunctions.Core.Http;
using ScormFunctions.LocalHost.Development;

namespace ScormFunctions.LocalHost.Endpoints;

/// <summary>
/// Maps every API route under <c>/api</c> from the core's route table (<c>ApiRoutes</c>, <c>ApiEndpoints</c>): the same
/// routes, names and callers the Functions shell declares.
/// </summary>
public static class ScormFunctionsApi
{
    public static WebApplication MapScormFunctionsApi(this WebApplication app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
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
