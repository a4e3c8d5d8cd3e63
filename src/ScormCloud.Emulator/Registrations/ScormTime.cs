using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace ScormCloud.Emulator.Registrations;

/// <summary>SCORM time spans: 1.2 <c>HHHH:MM:SS.SS</c> and 2004 ISO-8601 durations.</summary>
public static partial class ScormTime
{
    public static double? ParseSeconds(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var m = Scorm12Timespan().Match(value);
        if (m.Success)
        {
            return int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 3600
                + int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) * 60
                + double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
        }
        try
        {
            return XmlConvert.ToTimeSpan(value.Replace(',', '.')).TotalSeconds;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>SCORM 1.2 CMITimespan, e.g. <c>0000:01:30.00</c> (also SCORM Cloud's <c>timeTracked</c> style).</summary>
    public static string ToScorm12(double seconds)
    {
        var t = TimeSpan.FromSeconds(Math.Max(0, seconds));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:0000}:{t.Minutes:00}:{t.Seconds + t.Milliseconds / 1000.0:00.00}");
    }

    /// <summary>SCORM 2004 duration, e.g. <c>PT1M30S</c>.</summary>
    public static string ToIso(double seconds) => XmlConvert.ToString(TimeSpan.FromSeconds(Math.Round(Math.Max(0, seconds), 2)));

    [GeneratedRegex(@"^(\d{2,4}):(\d{2}):(\d{2}(?:\.\d{1,2})?)$")]
    private static partial Regex Scorm12Timespan();
}
