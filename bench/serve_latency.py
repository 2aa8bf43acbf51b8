#!/usr/bin/env python3
"""Live-preview latency: from saving a file to `minutebook serve` serving the
new page, measured from outside, as an author sees it.

Starts `minutebook serve` on SITE, waits for the first build, then N times:
edits a file, and polls the page that shows it (every 2 ms) until the new
text is there. Prints the median and the slowest, for two kinds of change:

- one report's body (its page must show the new sentence), then its
  purpose (front matter), then a minute's text, then its meeting's venue;
- an update file: an update's text, then its status and text, then a new
  update added (the recommendation's page must show the new text).

The site is put back as it was afterwards.

Usage: bench/serve_latency.py MINUTEBOOK SITE [N]
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.request


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode("utf-8", "replace")
    except Exception:
        return ""


def wait_for(url, marker, limit=60.0):
    start = time.monotonic()
    while time.monotonic() - start < limit:
        if marker in fetch(url):
            return True
        time.sleep(0.002)
    return False


def find_report(site):
    meetings = os.path.join(site, "content", "meetings")
    for m in sorted(os.listdir(meetings)):
        p = os.path.join(meetings, m, "reports", "report-1.md")
        if os.path.exists(p):
            return m, p
    raise SystemExit("no report-1.md in the site")


def find_update(site):
    folder = os.path.join(site, "content", "updates")
    for f in sorted(os.listdir(folder)):
        path = os.path.join(folder, f)
        text = open(path, encoding="utf-8").read()
        m = re.search(r"rec: ([^\s]+)", text)
        if m:
            return path, m.group(1)
    raise SystemExit("no update file with a rec in the site")


def measure(label, n, edit, url, marker_of):
    times = []
    for i in range(n):
        marker = marker_of(i)
        time.sleep(2.0)  # the server idle again, as between two saves
        start = time.monotonic()
        edit(marker)
        if not wait_for(url, marker):
            print(f"{label}: edit {i} never showed at {url}")
            return
        times.append((time.monotonic() - start) * 1000)
    times.sort()
    print(
        f"| {label} | {statistics.median(times):.0f} | {times[-1]:.0f} | {n} |"
    )


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    exe, site = sys.argv[1], os.path.abspath(sys.argv[2])
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    port = free_port()
    started = time.monotonic()
    log_path = os.environ.get("SERVE_LOG") or os.path.join(
        os.environ.get("TMPDIR", "/tmp"), f"minutebook-serve-{os.getpid()}.log"
    )
    log = open(log_path, "w")
    server = subprocess.Popen(
        [exe, "serve", "--root", site, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    meeting, report = find_report(site)
    report_url = f"{base}/meetings/{meeting}/reports/report-1/"
    original_report = open(report, encoding="utf-8").read()
    update, rec = find_update(site)
    original_update = open(update, encoding="utf-8").read()
    try:
        if not wait_for(report_url, "</html>", limit=600):
            raise SystemExit("the server did not serve the site")
        print(f"from starting `serve` to the first page served: {time.monotonic() - started:.1f} s")
        built = re.search(r"built \d+ files in (\d+) ms", open(log_path, encoding="utf-8").read())
        if built:
            print(f"its first build (as `minutebook build`, kept in memory): {built.group(1)} ms")
        ready = None
        while ready is None and time.monotonic() - started < 600:
            ready = re.search(r"ready for quick rebuilds \((\d+) ms\)", open(log_path, encoding="utf-8").read())
            time.sleep(0.05)
        if ready:
            print(f"then fingerprinting every input and a build that keeps its work: {ready.group(1)} ms")
        print()
        print("| change | median ms | slowest ms | edits |")
        print("|---|---:|---:|---:|")

        def edit_report(marker):
            with open(report, "w", encoding="utf-8") as f:
                f.write(original_report + f"\nA sentence added while previewing: {marker}.\n")

        measure("one report's body", n, edit_report, report_url, lambda i: f"preview-{i}-{os.getpid()}")

        def edit_purpose(marker):
            # What only the report's own page shows of its front matter.
            text = re.sub(r"(?m)^purpose: ", f"purpose: Revised while previewing, {marker}. ", original_report, count=1)
            with open(report, "w", encoding="utf-8") as f:
                f.write(text)

        if re.search(r"(?m)^purpose: ", original_report):
            measure("one report's purpose (front matter)", n, edit_purpose, report_url, lambda i: f"purpose-{i}-{os.getpid()}")

        minutes = os.path.join(site, "content", "meetings", meeting, "minutes.md")
        if os.path.exists(minutes):
            original_minutes = open(minutes, encoding="utf-8").read()

            def edit_minutes(marker):
                # The record of one minute: the minutes' page shows it.
                text = re.sub(r"(?m)^(## 1\..*\n\n)", rf"\g<1>Recorded while previewing, {marker}. ", original_minutes, count=1)
                with open(minutes, "w", encoding="utf-8") as f:
                    f.write(text)

            try:
                measure("a minute's text", n, edit_minutes, f"{base}/meetings/{meeting}/minutes/", lambda i: f"minuted-{i}-{os.getpid()}")
            finally:
                with open(minutes, "w", encoding="utf-8") as f:
                    f.write(original_minutes)

        agenda = os.path.join(site, "content", "meetings", meeting, "index.md")
        original_agenda = open(agenda, encoding="utf-8").read()
        meeting_url = f"{base}/meetings/{meeting}/"

        def edit_venue(marker):
            # A meeting's venue: its page, its pack and the lists of meetings.
            text = re.sub(r"(?m)^venue: ", f"venue: Room {marker}, ", original_agenda, count=1)
            with open(agenda, "w", encoding="utf-8") as f:
                f.write(text)

        if re.search(r"(?m)^venue: ", original_agenda):
            try:
                measure("a meeting's venue (front matter)", n, edit_venue, meeting_url, lambda i: f"venue-{i}-{os.getpid()}")
            finally:
                with open(agenda, "w", encoding="utf-8") as f:
                    f.write(original_agenda)

        rec_url = f"{base}/recommendations/{rec}/"
        if "</html>" not in fetch(rec_url):
            print(f"(no page for the updated recommendation at {rec_url})")
            return

        def edit_update(marker):
            # The recommendation's first update, with a new text: its page,
            # the trackers and the meeting that heard it change.
            text = original_update.replace("  text: ", f"  text: Progress noted while previewing, {marker}. ", 1)
            with open(update, "w", encoding="utf-8") as f:
                f.write(text)

        measure("an update's text", n, edit_update, rec_url, lambda i: f"noted-{i}-{os.getpid()}")

        first_status = re.search(r"  status: (\S+)", original_update)
        other = "completed" if first_status and first_status.group(1) != "completed" else "in-progress"

        def edit_status(marker):
            # The same update's status too, every other edit: the
            # recommendation's status, its trackers' counts and rows, its
            # meetings' pages and the data change.
            n_edit = int(marker.split("-")[1])
            text = original_update.replace("  text: ", f"  text: Progress noted while previewing, {marker}. ", 1)
            if n_edit % 2 == 0 and first_status:
                text = text.replace(first_status.group(0), f"  status: {other}", 1)
            with open(update, "w", encoding="utf-8") as f:
                f.write(text)

        measure("an update's status and text (a tracker changes)", n, edit_status, rec_url, lambda i: f"status-{i}-{os.getpid()}")

        added = []

        def add_update(marker):
            # A new update for the same recommendation, after those before
            # it (each save keeps the earlier ones, as an officer adds them).
            n_edit = int(marker.split("-")[1])
            added.append(
                f"\n- rec: {rec}\n  as_at: 2099-01-{n_edit + 1:02d}\n  status: in-progress\n"
                f"  text: Progress added while previewing, {marker}.\n"
            )
            with open(update, "w", encoding="utf-8") as f:
                f.write(original_update + "".join(added))

        measure("a new update (a tracker changes)", min(n, 28), add_update, rec_url, lambda i: f"added-{i}-{os.getpid()}")
    finally:
        with open(report, "w", encoding="utf-8") as f:
            f.write(original_report)
        with open(update, "w", encoding="utf-8") as f:
            f.write(original_update)
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
