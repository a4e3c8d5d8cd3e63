namespace ScormCloud.Client.Tests.Infrastructure;

/// <summary>Tests that must not run beside others (process-wide measurements).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Serial";
}
