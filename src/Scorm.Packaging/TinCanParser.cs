using System.Xml.Linq;

namespace Scorm.Packaging;

/// <summary>tincan.xml: the activities that have a &lt;launch&gt;; the first one is the course.</summary>
internal static class TinCanParser
{
    public static PackageManifest? Parse(XDocument doc, string entryName, List<string> warnings, out PackageError? error)
    {
        error = null;
        var root = doc.Root!;
        if (root.Name.LocalName != "tincan")
        {
            error = new PackageError(PackageErrorCode.MalformedManifest,
                $"'{entryName}' starts with <{root.Name.LocalName}> instead of <tincan>, so it is not an xAPI package descriptor.");
            return null;
        }
        var ns = root.Name.Namespace;
        var activities = root.Element(ns + "activities")?.Elements(ns + "activity").ToList() ?? [];
        var launchable = new List<PackageSco>();
        foreach (var activity in activities)
        {
            var launch = activity.Element(ns + "launch")?.Value.Trim();
            if (string.IsNullOrEmpty(launch)) continue;
            var id = activity.Attribute("id")?.Value.Trim() ?? string.Empty;
            var name = XmlText.Clean(activity.Element(ns + "name")?.Value);
            launchable.Add(new PackageSco(id, name.Length > 0 ? name : id, launch, null, true));
        }
        if (launchable.Count == 0)
        {
            error = new PackageError(PackageErrorCode.NoLaunchableResource,
                $"'{entryName}' has no activity with a <launch> element, so there is nothing to launch.");
            return null;
        }

        var title = XmlText.Clean(activities[0].Element(ns + "name")?.Value);
        if (title.Length == 0)
        {
            warnings.Add("The first activity in tincan.xml has no name; the launchable activity's name was used.");
            title = launchable[0].Title;
        }
        var identifier = activities[0].Attribute("id")?.Value.Trim() ?? launchable[0].ItemIdentifier;
        return new PackageManifest(identifier, title, LearningStandard.XApi, null, launchable[0].LaunchHref, launchable);
    }
}
