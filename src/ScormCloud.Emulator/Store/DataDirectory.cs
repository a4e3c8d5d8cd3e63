using Microsoft.Extensions.Options;

namespace ScormCloud.Emulator.Store;

/// <summary>
/// The emulator's files: <c>uploads/</c> (zips being imported) and <c>content/{key}/</c> (extracted packages).
/// A directory the emulator created itself (no <c>Emulator:DataPath</c>) is deleted on shutdown.
/// </summary>
public sealed class DataDirectory : IDisposable
{
    private readonly bool owned;

    public DataDirectory(IOptions<EmulatorOptions> options)
    {
        owned = string.IsNullOrWhiteSpace(options.Value.DataPath);
        Root = owned
            ? Path.Combine(Path.GetTempPath(), "scormcloud-emulator", Guid.NewGuid().ToString("N"))
            : Path.GetFullPath(options.Value.DataPath!);
        Directory.CreateDirectory(Path.Combine(Root, "uploads"));
        Directory.CreateDirectory(Path.Combine(Root, "content"));
    }

    public string Root { get; }

    public string ContentRoot => Path.Combine(Root, "content");

    /// <summary>Directory of one extracted package; <paramref name="key"/> is an emulator-generated id.</summary>
    public string ContentDirectory(string key) => Path.Combine(ContentRoot, key);

    public string NewUploadPath() => Path.Combine(Root, "uploads", Guid.NewGuid().ToString("N") + ".zip");

    public void Dispose()
    {
        if (!owned) return;
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a file may still be open
        }
        catch (UnauthorizedAccessException)
        {
            // best effort
        }
    }
}
