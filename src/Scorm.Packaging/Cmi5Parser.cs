using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>cmi5.xml: course title and id, and every AU (blocks included, document order) as a launchable item.</summary>
internal static class Cmi5Parser
{
    public static PackageManifest? Parse(XDocument doc, string entryName, List<string> warnings, out PackageError? error)
    {
        error = null;
        var root = doc.Root!;
        if (root.Name.LocalName != "courseStructure")
        {
            error = new PackageError(PackageErrorCode.MalformedManifest,
                $"'{entryName}' starts with <{root.Name.LocalName}> instead of <courseStructure>, so it is not a cmi5 course structure.");
            return null;
        }
        var ns = root.Name.Namespace;
        var course = root.Element(ns + "course");
        var identifier = course?.Attribute("id")?.Value.Trim() ?? string.Empty;

        var aus = new List<PackageSco>();
        foreach (var au in root.Descendants(ns + "au"))
        {
            var url = au.Element(ns + "url")?.Value.Trim();
            var id = au.Attribute("id")?.Value.Trim() ?? string.Empty;
            if (string.IsNullOrEmpty(url))
            {
                warnings.Add($"AU '{id}' has no <url> and cannot be launched.");
                continue;
            }
            var title = LangString(au.Element(ns + "title"), ns);
            aus.Add(new PackageSco(id, title.Length > 0 ? title : id, url, au.Attribute("masteryScore")?.Value.Trim(), true));
        }
        if (aus.Count == 0)
        {
            error = new PackageError(PackageErrorCode.NoLaunchableResource,
                $"'{entryName}' lists no AU with a <url>, so there is nothing to launch.");
            return null;
        }

        var courseTitle = LangString(course?.Element(ns + "title"), ns);
        if (courseTitle.Length == 0)
        {
            warnings.Add("cmi5.xml has no course title; the first AU's title was used.");
            courseTitle = aus[0].Title;
        }
        return new PackageManifest(identifier, courseTitle, LearningStandard.Cmi5, null, aus[0].LaunchHref, aus);
    }

    /// <summary>The first non-empty langstring (cmi5 titles are lists of translations).</summary>
    private static string LangString(XElement? element, XNamespace ns) =>
        element?.Elements(ns + "langstring").Select(l => XmlText.Clean(l.Value)).FirstOrDefault(s => s.Length > 0) ?? string.Empty;
}
