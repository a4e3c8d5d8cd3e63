namespace ScormFunctions.Core.Health;

/// <summary>One dependency that /api/health reports on.</summary>
public interface IHealthProbe
{
    /// <summary>Name shown in the health response, e.g. "storage".</summary>
    string Name { get; }

    /// <summary>Returns null when healthy, otherwise what is wrong (no secrets).</summary>
    Task<string?> CheckAsync(CancellationToken cancellationToken);
}
