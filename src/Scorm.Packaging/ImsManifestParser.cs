using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>
/// Reads imsmanifest.xml (SCORM 1.2 and 2004 alike: element names are taken in the root's namespace, extensions by
/// local name). The launch file's presence is checked by the caller, which has the zip's entry list.
/// </summary>
internal static class ImsManifestParser
{
    public static PackageManifest? Parse(XDocument doc, string entryName, List<string> warnings, out PackageError? error)
    {
        error = null;
        var root = doc.Root!;
        if (root.Name.LocalName != "manifest")
        {
            error = new PackageError(PackageErrorCode.MalformedManifest,
                $"'{entryName}' starts with <{root.Name.LocalName}> instead of <manifest>, so it is not a SCORM manifest.");
            return null;
        }
        var ns = root.Name.Namespace;

        var identifier = root.Attribute("identifier")?.Value.Trim() ?? string.Empty;
        if (identifier.Length == 0) warnings.Add("The manifest has no identifier attribute.");

        var metadata = root.Element(ns + "metadata");
        var schemaVersion = XmlText.Child(metadata, "schemaversion")?.Value.Trim();
        if (string.IsNullOrEmpty(schemaVersion)) schemaVersion = null;
        var standard = StandardDetector.Detect(root, schemaVersion, warnings);

        var resources = ResourceIndex.Build(root, ns, warnings);
        var organization = ChooseOrganization(root.Element(ns + "organizations"), ns, warnings);
        var scos = organization is null ? [] : ScosFromItems(organization, ns, resources, warnings);

        string title;
        string? launch;
        if (scos.Count > 0)
        {
            title = XmlText.Clean(organization!.Element(ns + "title")?.Value);
            if (title.Length == 0)
            {
                title = LomTitle(metadata) ?? identifier;
                warnings.Add("The default organization has no title; the manifest's metadata title or identifier was used.");
            }
            var firstVisible = scos.FirstOrDefault(s => s.IsVisible);
            if (firstVisible is null) warnings.Add("Every item in the organization is hidden (isvisible=\"false\"); the first one is launched.");
            launch = (firstVisible ?? scos[0]).LaunchHref;
        }
        else
        {
            // Like Moodle: with no usable organization, every resource with an href is launchable; prefer a SCO.
            warnings.Add("The manifest has no organization with launchable items; the course launches its first SCO resource instead.");
            scos = resources.Launchable.Select(r => new PackageSco(r.Identifier, r.Identifier, r.Href, null, true) { IsAsset = !r.IsSco }).ToList();
            launch = resources.Launchable.FirstOrDefault(r => r.IsSco)?.Href ?? resources.Launchable.FirstOrDefault()?.Href;
            var orgTitle = XmlText.Clean(organization?.Element(ns + "title")?.Value);
            title = orgTitle.Length > 0 ? orgTitle : LomTitle(metadata) ?? identifier;
        }

        if (launch is null)
        {
            error = new PackageError(PackageErrorCode.NoLaunchableResource,
                $"'{entryName}' has no item or resource with an href to launch. Check that the resources have an href attribute.");
            return null;
        }
        return new PackageManifest(identifier, title, standard, schemaVersion, launch, scos);
    }

    /// <summary>organizations@default, else the first organization (with a warning, since the author may have meant another).</summary>
    private static XElement? ChooseOrganization(XElement? organizations, XNamespace ns, List<string> warnings)
    {
        var all = organizations?.Elements(ns + "organization").ToList() ?? [];
        if (all.Count == 0) return null;
        var defaultId = organizations!.Attribute("default")?.Value.Trim();
        if (string.IsNullOrEmpty(defaultId))
        {
            warnings.Add("<organizations> has no default attribute; the first organization was used.");
            return all[0];
        }
        var chosen = all.FirstOrDefault(o => o.Attribute("identifier")?.Value.Trim() == defaultId);
        if (chosen is null) warnings.Add($"The default organization '{defaultId}' does not exist; the first organization was used.");
        return chosen ?? all[0];
    }

    /// <summary>Items that reference a resource with an href, depth-first (iterative: manifests are untrusted and may nest deeply).</summary>
    private static List<PackageSco> ScosFromItems(XElement organization, XNamespace ns, ResourceIndex resources, List<string> warnings)
    {
        var scos = new List<PackageSco>();
        var stack = new Stack<XElement>(organization.Elements(ns + "item").Reverse());
        while (stack.Count > 0)
        {
            var item = stack.Pop();
            foreach (var child in item.Elements(ns + "item").Reverse()) stack.Push(child);

            var itemId = item.Attribute("identifier")?.Value.Trim() ?? string.Empty;
            var resourceId = item.Attribute("identifierref")?.Value.Trim();
            if (string.IsNullOrEmpty(resourceId)) continue; // an aggregation (folder) item
            var resource = resources.Find(resourceId);
            if (resource is null)
            {
                warnings.Add($"Item '{itemId}' refers to resource '{resourceId}', which the manifest does not define.");
                continue;
            }
            if (resource.Href.Length == 0)
            {
                warnings.Add($"Item '{itemId}' refers to resource '{resourceId}', which has no href.");
                continue;
            }
            var title = XmlText.Clean(item.Element(ns + "title")?.Value);
            var href = LaunchPaths.AppendParameters(resource.Href, item.Attribute("parameters")?.Value);
            var visible = !string.Equals(item.Attribute("isvisible")?.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase);
            scos.Add(new PackageSco(itemId, title.Length > 0 ? title : itemId, href, MasteryScore(item), visible) { IsAsset = !resource.IsSco });
        }
        return scos;
    }

    /// <summary>1.2: adlcp:masteryscore. 2004: the primary objective's minNormalizedMeasure when satisfiedByMeasure is true.</summary>
    private static string? MasteryScore(XElement item)
    {
        var mastery = XmlText.Child(item, "masteryscore")?.Value.Trim();
        if (!string.IsNullOrEmpty(mastery)) return mastery;
        var primary = XmlText.Child(XmlText.Child(XmlText.Child(item, "sequencing"), "objectives"), "primaryObjective");
        if (primary is null) return null;
        var byMeasure = primary.Attribute("satisfiedByMeasure")?.Value.Trim();
        if (byMeasure is not ("true" or "1")) return null;
        var measure = XmlText.Child(primary, "minNormalizedMeasure")?.Value.Trim();
        return string.IsNullOrEmpty(measure) ? null : measure;
    }

    /// <summary>Inline LOM title (imsmd 1.2 langstring or LOM 2004 string); external adlcp:location metadata is never read.</summary>
    private static string? LomTitle(XElement? metadata)
    {
        var title = XmlText.Child(XmlText.Child(XmlText.Child(metadata, "lom"), "general"), "title");
        var text = title?.Descendants().FirstOrDefault(e => e.Name.LocalName is "langstring" or "string")?.Value ?? title?.Value;
        var clean = XmlText.Clean(text);
        return clean.Length > 0 ? clean : null;
    }
}
