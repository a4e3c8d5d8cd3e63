namespace Scorm.Packaging;

/// <summary>Mirrors SCORM Cloud's learning standard names (see <see cref="LearningStandardNames"/>).</summary>
public enum LearningStandard
{
    Unknown,
    Scorm12,
    Scorm2004SecondEdition,
    Scorm2004ThirdEdition,
    Scorm2004FourthEdition,
    Aicc,
    XApi,
    Cmi5,
}
