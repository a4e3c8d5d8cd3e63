#!/usr/bin/env python3
"""One import and one postback against the running local system (scripts/run.sh, with the offline emulator), as a
single-page app, a learner's browser and SCORM Cloud make them; then, when the Aspire dashboard runs
(scripts/run.sh --dashboard), each one's trace read back from it. Standard library only.
  scripts/smoke-telemetry.py [package.zip]   default: ../shared/scorm-packages/synthetic_scorm12_minimal_autopass.zip"""
import json
import os
import secrets
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
API = os.environ.get("API", "http://127.0.0.1:7071/")
PACKAGE = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "..", "shared", "scorm-packages", "synthetic_scorm12_minimal_autopass.zip")
# What scorm-again posts when the SCORM 1.2 auto-pass package terminates (see the emulator's player).
TERMINATE = {"successStatus": "passed", "completionStatus": "completed", "totalTimeSeconds": 90,
             "score": {"raw": 85, "min": 0, "max": 100},
             "runtimeData": {"cmi": {"core": {"lesson_status": "passed", "session_time": "00:01:30", "total_time": "00:01:30",
                                                "score": {"raw": "85", "min": "0", "max": "100"}}}}}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None


def call(method, url, body=None, token=None, headers=None, raw=None):
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    request = urllib.request.Request(url if url.startswith("http") else API + url, data=data, method=method)
    if body is not None:
        request.add_header("content-type", "application/json")
    if token:
        request.add_header("authorization", "Bearer " + token)
    for key, value in (headers or {}).items():
        request.add_header(key, value)
    try:
        with urllib.request.build_opener(NoRedirect).open(request) as response:
            text = response.read().decode()
            return response.status, response.headers, (json.loads(text) if text.startswith("{") else text)
    except urllib.error.HTTPError as error:
        if error.code in (301, 302):
            return error.code, error.headers, None
        sys.exit(f"{method} {url}: {error.code} {error.read().decode()[:500]}")


def token(subject, *roles):
    return call("POST", "api/dev/tokens", {"subject": subject, "roles": list(roles)})[2]["token"]


def wait(what, check, seconds=300):
    until = time.time() + seconds
    while not (result := check()):
        if time.time() > until:
            sys.exit(f"timed out waiting for {what}")
        time.sleep(0.5)
    return result


def main():
    admin = token("ada", "admin")
    course = "smoke-" + secrets.token_hex(4)

    # The import: upload URL, PUT to Blob Storage (Azurite), start, poll.
    upload = call("POST", f"api/courses/{course}/uploads", token=admin)[2]
    with open(PACKAGE, "rb") as package:
        call("PUT", upload["uploadUrl"], raw=package.read(), headers=upload["headers"])
    import_id = upload["uploadId"]
    call("POST", f"api/courses/{course}/imports", {"uploadId": import_id, "mode": "relay"}, token=admin)
    status = wait("the import", lambda: (s := call("GET", f"api/courses/{course}/imports/{import_id}", token=admin)[2]["status"]) != "running" and s)
    print(f"import {import_id} of course {course}: {status}")

    # The postback: assign, launch as the learner, play to the end in the emulator's player; SCORM Cloud posts back.
    registration = "smoke-reg-" + secrets.token_hex(4)
    call("POST", "api/registrations", {"registrationId": registration, "courseId": course,
                                       "learner": {"id": "lin", "firstName": "Lin", "lastName": "Local"}}, token=admin)
    launch = call("POST", f"api/registrations/{registration}/launch", token=token("lin"))[2]["launchUrl"]
    cloud_link = call("GET", launch)[1]["Location"]
    player = call("GET", cloud_link)[1]["Location"]
    origin = cloud_link.split("/api/", 1)[0]
    call("GET", origin + player)
    session = player.rsplit("/", 1)[1]
    call("POST", f"{origin}/api/cloud/registration/commit/{session}?terminate=true", raw=json.dumps(TERMINATE).encode(),
         headers={"content-type": "text/plain;charset=UTF-8"})
    wait("the postback", lambda: call("GET", f"api/registrations/{registration}", token=admin)[2]["reported"]["completion"] == "completed")
    print(f"registration {registration}: completed, results applied from SCORM Cloud's postback")

    if subprocess.run(["bash", "-c", "(exec 3<>/dev/tcp/127.0.0.1/${DASHBOARD_PORT:-18888}) 2>/dev/null"]).returncode == 0:
        time.sleep(3)  # the exporter's batch delay
        for span, attribute in (("import.start", f"scorm.import_id={import_id}"), ("postback.receive", f"scorm.registration_id={registration}")):
            subprocess.run([os.path.join(ROOT, "scripts", "dashboard.sh"), "traces", "--span", span, "--attr", attribute], check=True)


if __name__ == "__main__":
    main()
