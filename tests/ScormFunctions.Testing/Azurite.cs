using System.Diagnostics;
using System.Net.Sockets;

namespace ScormFunctions.Testing;

/// <summary>
/// Makes sure Azurite listens on 127.0.0.1:10000-10002, starting the pinned npm copy through
/// <c>scripts/azurite.sh</c> when it does not (the same script the README's commands use).
/// </summary>
public static class Azurite
{
    /// <summary>The public, well-known Azurite development connection string.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool started;

    public static async Task EnsureStartedAsync()
    {
        if (started) return;
        await Gate.WaitAsync();
        try
        {
            if (started) return;
            if (!(await IsListeningAsync(10000) && await IsListeningAsync(10001) && await IsListeningAsync(10002)))
            {
                var script = Path.Combine(RepoPaths.Root, "scripts", "azurite.sh");
                using var process = Process.Start(new ProcessStartInfo("bash", [script, "start"])
                {
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                }) ?? throw new InvalidOperationException("Could not run scripts/azurite.sh.");
                var output = process.StandardOutput.ReadToEndAsync();
                var error = process.StandardError.ReadToEndAsync();
                await process.WaitForExitAsync();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"scripts/azurite.sh start failed: {await output}{await error}");
                }
            }
            started = true;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
