using System.Net;
using System.Text.Json;
using ScormCloud.Emulator.Api;
using ScormCloud.Emulator.Courses;
using ScormCloud.Emulator.Registrations;

namespace ScormCloud.Emulator.Player;

/// <summary>The player page: scorm-again + <c>player.js</c>, the SCO in a same-origin iframe, settings inline as JSON.</summary>
public static class PlayerPage
{
    public static string Render(PlayerSession session, RegistrationRecord registration, CourseVersion course)
    {
        var api = course.LearningStandard switch
        {
            "SCORM11" or "SCORM12" => "scorm12",
            "SCORM20042NDEDITION" or "SCORM20043RDEDITION" or "SCORM20044THEDITION" => "scorm2004",
            _ => "none",
        };
        var config = new
        {
            api,
            commitUrl = $"/api/cloud/registration/commit/{session.Token}",
            contentUrl = $"/content/{course.ContentKey}/{course.LaunchHref}",
            redirectOnExitUrl = session.RedirectOnExitUrl,
            cmi = PlayerState.Build(registration, session.Instance, course),
        };
        // "<" escaped so the JSON cannot close the script element.
        var json = JsonSerializer.Serialize(config, ApiJson.Options).Replace("<", "\\u003c", StringComparison.Ordinal);
        return $$"""
            <!DOCTYPE html>
            <html>
            <head>
              <meta charset="utf-8">
              <title>{{WebUtility.HtmlEncode(course.Title)}}</title>
              <style>html,body{margin:0;height:100%}iframe{border:0;width:100%;height:100%;display:block}</style>
            </head>
            <body>
              <iframe id="sco" title="{{WebUtility.HtmlEncode(course.Title)}}"></iframe>
              <script type="application/json" id="player-config">{{json}}</script>
              <script src="/lib/scorm-again.min.js"></script>
              <script src="/lib/player.js"></script>
            </body>
            </html>
            """;
    }
}
