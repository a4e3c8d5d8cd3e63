using System.Collections.Concurrent;

namespace ScormFunctions.Core.Storage;

/// <summary>
/// Creates each named resource (a table, a blob container) once per process, on first use, so neither host needs a
/// provisioning step (the Bicep creates them in Azure too). A failed creation (storage briefly down) is forgotten, so
/// the next caller tries again instead of getting the cached failure forever.
/// </summary>
internal sealed class CreatedOnce<T>(Func<string, Task<T>> create)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> created = new();

    public async Task<T> GetAsync(string name, CancellationToken cancellationToken)
    {
        var lazy = created.GetOrAdd(name, n => new Lazy<Task<T>>(() => create(n)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted)
        {
            created.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, lazy));
            throw;
        }
    }
}
