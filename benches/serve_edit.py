#!/usr/bin/env python3
"""Time `locdoc serve` on one edited locale page: from the file write to the
browser's notice, and to the reloaded page in hand.

    benches/serve_edit.py --locdoc target/release/locdoc --site SITE [--edits 20] [--locale cs-CZ]

Starts `locdoc serve --port 0` on SITE, listens to its server-sent events as
the live-reload script does, then edits one locale page EDITS times (a
character more in its first translated segment; each edit waits for the
previous one's site-wide pages), timing with a monotonic clock:

- notice: write() returns -> the event whose `changed` names the page;
- reload: the same -> the page's HTML fetched with the edit in it;
- the server's own figures from its console: the page rebuild and the
  regeneration of the site-wide pages that follows it.

Prints one JSON object (medians, maxima, every sample; startup time; the
server's peak RSS). stdlib only; peers.py imports `measure`.
"""

import argparse
import http.client
import json
import os
import queue
import re
import statistics
import subprocess
import sys
import threading
import time

SPAN = re.compile(rb'<span data-ttu-id="[^"]*">')


def _lines(stream, q):
    for line in iter(stream.readline, b""):
        q.put(line.decode("utf-8", "replace").rstrip("\n"))
    q.put(None)


def _sse(host, port, q):
    conn = http.client.HTTPConnection(host, port)
    conn.request("GET", "/_locdoc/events")
    resp = conn.getresponse()
    while True:
        line = resp.fp.readline()
        if not line:
            q.put(None)
            return
        if line.startswith(b"data: "):
            q.put((time.perf_counter(), json.loads(line[6:])))


def _get(host, port, path):
    conn = http.client.HTTPConnection(host, port)
    conn.request("GET", path)
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, body


def _peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _pick_page(site, locale):
    """The first event page of the locale with a translated segment."""
    base = os.path.join(site, "content", locale)
    for root, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md") and not name.startswith(("index", "overview", "event-reference")):
                path = os.path.join(root, name)
                if SPAN.search(open(path, "rb").read()):
                    return path, os.path.relpath(path, base)
    raise SystemExit(f"no locale page with a segment under {base}")


def measure(locdoc, site, edits=20, locale="cs-CZ", timeout=600):
    path, rel = _pick_page(site, locale)
    out_file = f"{locale}/{rel[:-3]}/index.html"
    url = "/" + out_file[: -len("index.html")]
    original = open(path, "rb").read()
    t0 = time.perf_counter()
    proc = subprocess.Popen([locdoc, "serve", "--root", site, "--port", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    console = queue.Queue()
    threading.Thread(target=_lines, args=(proc.stdout, console), daemon=True).start()
    result = {"page": out_file}
    try:
        addr = None
        deadline = time.perf_counter() + timeout
        while addr is None:
            line = console.get(timeout=max(0.1, deadline - time.perf_counter()))
            if line is None:
                raise SystemExit("locdoc serve exited before serving")
            m = re.search(r"Serving .* on http://([^/]+)/", line)
            if m:
                addr = m.group(1)
        result["startup_s"] = time.perf_counter() - t0
        host, port = addr.rsplit(":", 1)
        port = int(port)
        events = queue.Queue()
        threading.Thread(target=_sse, args=(host, port, events), daemon=True).start()
        _, status = events.get(timeout=30)
        version = status["version"]
        notice, reload_, rebuild, site_pages = [], [], [], []
        text = original
        for i in range(edits):
            m = SPAN.search(text)
            marker = f"Ž{i}".encode()
            text = text[: m.end()] + marker + text[m.end():]
            with open(path, "wb") as f:
                f.write(text)
            written = time.perf_counter()
            # The notice naming the page.
            while True:
                at, st = events.get(timeout=30)
                if st["version"] > version:
                    version = st["version"]
                    if st.get("changed") is None or out_file in st["changed"]:
                        break
            notice.append((at - written) * 1000)
            code, body = _get(host, port, url)
            done = time.perf_counter()
            if code != 200 or marker not in body:
                raise SystemExit(f"edit {i}: {url} answered {code} without the edit")
            reload_.append((done - written) * 1000)
            # Wait for the site-wide pages (a second notice, if the edit
            # changed any of them), then let the console catch up.
            try:
                while True:
                    at, st = events.get(timeout=3)
                    if st["version"] > version:
                        version = st["version"]
                        break
            except queue.Empty:
                pass
            time.sleep(0.05)
            while True:
                try:
                    line = console.get_nowait()
                except queue.Empty:
                    break
                if line is None:
                    break
                m = re.match(r"Rebuilt .* in ([0-9.]+) ms", line)
                if m:
                    rebuild.append(float(m.group(1)))
                m = re.match(r"Updated the indexes.* in ([0-9.]+) ms", line)
                if m:
                    site_pages.append(float(m.group(1)))
        result.update({
            "edits": edits,
            "notice_ms": {"median": statistics.median(notice), "max": max(notice), "all": notice},
            "reload_ms": {"median": statistics.median(reload_), "max": max(reload_), "all": reload_},
            "server_rebuild_ms": {"median": statistics.median(rebuild) if rebuild else None,
                                  "all": rebuild},
            "server_site_pages_ms": {"median": statistics.median(site_pages) if site_pages else None,
                                     "all": site_pages},
            "peak_rss_kb": _peak_rss_kb(proc.pid),
        })
        return result
    finally:
        with open(path, "wb") as f:
            f.write(original)
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--locdoc", required=True)
    ap.add_argument("--site", required=True, help="a site root (site.toml)")
    ap.add_argument("--edits", type=int, default=20)
    ap.add_argument("--locale", default="cs-CZ")
    a = ap.parse_args()
    print(json.dumps(measure(a.locdoc, a.site, a.edits, a.locale), indent=1))


if __name__ == "__main__":
    sys.exit(main())
