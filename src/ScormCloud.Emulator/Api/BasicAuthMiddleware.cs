using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Api;

/// <summary>Basic auth (app id : secret key) on <c>/api/v2</c> and <c>/emulator</c>; the real service's 401 body otherwise.</summary>
public sealed class BasicAuthMiddleware(RequestDelegate next, IOptions<EmulatorOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if ((path.StartsWithSegments("/api/v2") || path.StartsWithSegments("/emulator")) && !IsAuthorized(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"ScormCloudEmulator\"";
            await context.Response.WriteAsJsonAsync(new { error = "Authorization Required." }, ApiJson.Options);
            return;
        }
        await next(context);
    }

    private bool IsAuthorized(HttpRequest request)
    {
        if (!AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            || header.Parameter is null)
        {
            return false;
        }
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter));
        }
        catch (FormatException)
        {
            return false;
        }
        var expected = $"{options.Value.AppId}:{options.Value.SecretKey}";
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(decoded), Encoding.UTF8.GetBytes(expected));
    }
}
