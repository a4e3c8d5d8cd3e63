namespace Scorm.Packaging;

public static class LearningStandardNames
{
    /// <summary>The name SCORM Cloud's API uses for the standard, e.g. <c>SCORM20043RDEDITION</c>.</summary>
    public static string ToScormCloudName(this LearningStandard s) => s switch
    {
        LearningStandard.Scorm12 => "SCORM12",
        LearningStandard.Scorm2004SecondEdition => "SCORM20042NDEDITION",
        LearningStandard.Scorm2004ThirdEdition => "SCORM20043RDEDITION",
        LearningStandard.Scorm2004FourthEdition => "SCORM20044THEDITION",
        LearningStandard.Aicc => "AICC",
        LearningStandard.XApi => "XAPI",
        LearningStandard.Cmi5 => "CMI5",
        _ => "UNKNOWN",
    };
}
