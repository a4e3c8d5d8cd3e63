using ScormFunctions.Testing;

namespace ScormCloud.Client.Tests.Emulator;

/// <summary>One emulator (page size 2, to exercise <c>more</c>) and one side server per test class.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private EmulatorServer? _server;
    private SideServer? _side;

    internal EmulatorServer Server => _server ?? throw new InvalidOperationException("Not started.");

    internal SideServer Side => _side ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        _server = await EmulatorServer.StartAsync(s => s["Emulator:PageSize"] = "2");
        _side = await SideServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_side is not null) await _side.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
