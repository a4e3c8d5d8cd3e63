using ScormFunctions.Testing;

namespace Scorm.Packaging.Tests;

/// <summary>"Never throws for bad packages": random byte damage and truncation must come back as an inspection.</summary>
public sealed class CorruptionFuzzTests
{
    [Fact]
    public void Damaged_zips_never_throw()
    {
        var original = File.ReadAllBytes(RepoPaths.Package("synthetic_scorm2004_4th_minimal_autopass.zip"));
        var random = new Random(20261123);
        for (var i = 0; i < 3000; i++)
        {
            var damaged = (byte[])original.Clone();
            var flips = random.Next(1, 6);
            for (var f = 0; f < flips; f++) damaged[random.Next(damaged.Length)] = (byte)random.Next(256);
            var length = i % 5 == 0 ? random.Next(damaged.Length) : damaged.Length;

            using var stream = new MemoryStream(damaged, 0, length);
            var inspection = PackageInspector.Inspect(stream);

            Assert.True(inspection.IsValid || inspection.Error is not null);
        }
    }
}
