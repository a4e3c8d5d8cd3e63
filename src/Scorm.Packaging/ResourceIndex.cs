using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>The manifest's resources by identifier, with hrefs already resolved against every xml:base level.</summary>
internal sealed class ResourceIndex
{
    private readonly Dictionary<string, ManifestResource> byId = new(StringComparer.Ordinal);
    private readonly List<ManifestResource> launchable = [];

    public IReadOnlyList<ManifestResource> Launchable => launchable;

    public ManifestResource? Find(string identifier) => byId.GetValueOrDefault(identifier);

    public static ResourceIndex Build(XElement manifest, XNamespace ns, List<string> warnings)
    {
        var index = new ResourceIndex();
        var resources = manifest.Element(ns + "resources");
        if (resources is null) return index;
        foreach (var resource in resources.Elements(ns + "resource"))
        {
            var id = resource.Attribute("identifier")?.Value.Trim() ?? string.Empty;
            var rawHref = resource.Attribute("href")?.Value.Trim();
            // The launch path is package root + manifest base + resources base + resource base + href (all levels, unlike Moodle).
            var href = string.IsNullOrEmpty(rawHref)
                ? string.Empty
                : LaunchPaths.Combine([XmlText.XmlBase(manifest), XmlText.XmlBase(resources), XmlText.XmlBase(resource), rawHref]);
            var scormType = XmlText.Attribute(resource, "scormtype")?.Trim();
            var entry = new ManifestResource(id, href, string.Equals(scormType, "sco", StringComparison.OrdinalIgnoreCase));
            if (!index.byId.TryAdd(id, entry)) warnings.Add($"The manifest defines resource '{id}' more than once; the first one is used.");
            if (href.Length > 0) index.launchable.Add(entry);
        }
        return index;
    }
}

/// <summary>A resource: <see cref="Href"/> is empty when the resource has none (a shared-files resource).</summary>
internal sealed record ManifestResource(string Identifier, string Href, bool IsSco);
