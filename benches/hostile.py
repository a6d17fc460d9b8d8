#!/usr/bin/env python3
"""Hostile pages: how long locdoc takes on them and how much memory it needs.

Each case is a two-locale site (en-US, cs-CZ) with one page pair of a hostile
shape. Part 1 runs issue 11's reproducers (the cases that once crashed or took
the square of their size); part 2 runs pages of every costly shape at a given
size (default: just under the 2 MiB `[limits] file_size`), with `check`, the
default `build` (with search) and `build --review`. Wall time and peak RSS
come from /usr/bin/time; the table goes to stdout (BENCHMARKS.md records it).

    python3 benches/hostile.py --locdoc target/release/locdoc [--mb 1.99] [--only NAME]
"""
import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile

SITE = ('title = "T"\nbase_url = "https://x.org/"\n[[locales]]\ncode = "en-US"\nname = "English"\n'
        '[[locales]]\ncode = "cs-CZ"\nname = "Čeština"\n')


def seg(i, t, e):
    return (f'<span data-ttu-id="a-{i}">{t}</span><span class="sxs-lookup">'
            f'<span data-stu-id="a-{i}">{e}</span></span>')


# Issue 11's reproducers: name -> (English body, Czech body, command).
def reproducers():
    orphans = lambda n: " ".join(seg(i, f"T{i}", f"Orphan {i}") for i in range(n)) + "\n"
    unrelated = seg(1, "Nesouvisí.", "Unrelated text.") + "\n"
    malformed = '<span data-ttu-id="a-1">x</span><span class="sxs-lookup">'
    return {
        "3,000 orphans on one 318 KB line": ("Hello.\n", orphans(3000), ["check"]),
        "10,000 nested translation spans": ("Hello.\n", '<span data-ttu-id="n-1">' * 10000 + "\n", ["check"]),
        "`<span ` x 8,000 on one line": ("Hello.\n", "<span " * 8000 + "\n", ["check"]),
        "200 KB line of malformed spans": ("Hello.\n", malformed * (200 * 1024 // len(malformed)) + "\n", ["build"]),
        "1,000 identical paragraphs, --review": ("Same paragraph text here.\n\n" * 1000, unrelated, ["build", "--review"]),
        "50x50 identical cells, --review": (
            "|" + "|".join(["h"] * 50) + "|\n|" + "|".join(["-"] * 50) + "|\n"
            + ("|" + "|".join(["cell"] * 50) + "|\n") * 50, unrelated, ["build", "--review"]),
        "1 MB line of backslashes": ("\\" * (1024 * 1024) + "\n", seg(1, "Ahoj.", "Hello.") + "\n", ["build"]),
        "4,000 unrelated stale paragraphs": (
            "".join(f"Paragraph number {i} says something here.\n\n" for i in range(4000)),
            "".join(seg(i, f"Odstavec {i}.", f"Paragraph {i} said something else there.") + "\n\n" for i in range(4000)),
            ["check"]),
        "32,000 includes in one paragraph": ("[!INCLUDE[x](y.md)] " * 32000 + "\n", seg(1, "Ahoj.", "Hello.") + "\n",
                                              ["check"]),
        "<div> x 20,000 in a translation": ("Hello.\n", seg(1, "<div>" * 20000 + "x", "Hello.") + "\n", ["build"]),
    }


# Costly shapes at a given size: name -> (English, Czech) filled to `target` bytes.
def shapes(target):
    def fill(unit):
        parts, size, i = [], 0, 0
        while size < target:
            u = unit(i)
            parts.append(u)
            size += len(u.encode())
            i += 1
        return "".join(parts)

    return {
        "paragraphs, translated": (fill(lambda i: f"Paragraph {i} says something.\n\n"),
                                   fill(lambda i: seg(i, f"Odstavec {i} něco říká.", f"Paragraph {i} says something.") + "\n\n")),
        "paragraphs, all missing": (fill(lambda i: f"Paragraph {i} says something.\n\n"), seg(1, "Nic.", "Nothing.") + "\n"),
        "paragraphs, all stale": (fill(lambda i: f"Paragraph number {i} says something here.\n\n"),
                                  fill(lambda i: seg(i, f"Odstavec {i}.", f"Paragraph {i} said something else there.") + "\n\n")),
        "table of 4 columns": ("|a|b|c|d|\n|-|-|-|-|\n" + fill(lambda i: f"|Row {i}|Verbose|Keyword {i % 7}|Channel|\n"),
                               "|||||\n|-|-|-|-|\n" + fill(lambda i: "|" + "|".join(
                                   seg(4 * i + k, f"T{i}-{k}", e)
                                   for k, e in enumerate([f"Row {i}", "Verbose", f"Keyword {i % 7}", "Channel"])) + "|\n")),
        "sentences, 1 KB lines": (fill(lambda i: f"Sentence {i} of many." + ("\n" if i % 40 == 39 else " ")),
                                  fill(lambda i: seg(i, f"Věta {i}.", f"Sentence {i} of many.") + ("\n" if i % 10 == 9 else " "))),
        "one 1 MB line of sentences": (fill(lambda i: f"Sentence {i} of many. ")[:1000000] + "\n",
                                       fill(lambda i: seg(i, f"Věta {i}.", f"Sentence {i} of many.") + " ")[:1000000] + "\n"),
        "orphaned segments": ("Hello.\n", fill(lambda i: seg(i, f"T{i}", f"Orphan {i}") + ("\n" if i % 10 == 9 else " "))),
        "code blocks": (fill(lambda i: "```csharp\n" + "var x = 1; // code\n" * 50 + "```\n\nText with `code` and `more code`.\n\n"),
                        fill(lambda i: "```csharp\n" + "var x = 1; // code\n" * 50 + "```\n\n"
                             + seg(i, "Text s `code` a `more code`.", "Text with `code` and `more code`.") + "\n\n")),
        "links, bold, xrefs": (fill(lambda i: f"See [page {i}](p{i}.md) and **bold {i}** and <xref:A.B{i}>.\n\n"),
                               fill(lambda i: seg(i, f"Viz [stránka {i}](p{i}.md) a **tučně {i}** a <xref:A.B{i}>.",
                                                  f"See [page {i}](p{i}.md) and **bold {i}** and <xref:A.B{i}>.") + "\n\n")),
        "malformed spans": ("Hello.\n", fill(lambda i: '<span data-ttu-id="a-1">x</span><span class="sxs-lookup">'
                                             + ("\n" if i % 10 == 9 else ""))),
    }


def make_site(root, en, cs):
    for loc, body in (("en-US", en), ("cs-CZ", cs)):
        os.makedirs(f"{root}/content/{loc}/e", exist_ok=True)
        with open(f"{root}/content/{loc}/e/p.md", "w", encoding="utf-8") as f:
            f.write("---\ntitle: P\n---\n" + body)
    with open(f"{root}/site.toml", "w", encoding="utf-8") as f:
        # The reproducers predate the limits: they run with room to spare.
        f.write(SITE + "[limits]\nfile_size = 104857600\nline_length = 104857600\n")


def run(locdoc, root, args):
    out = os.path.join(root, "public")
    cmd = ["/usr/bin/time", "-f", "%e %M", locdoc] + args + (["--out", out] if args[0] == "build" else [])
    p = subprocess.run(cmd, cwd=root, capture_output=True, text=True, timeout=600)
    wall, rss = p.stderr.strip().splitlines()[-1].split()
    return float(wall), int(rss) // 1024, p.returncode


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--locdoc", required=True)
    ap.add_argument("--mb", type=float, default=1.99)
    ap.add_argument("--only")
    a = ap.parse_args()
    locdoc = os.path.abspath(a.locdoc)
    tmp = tempfile.mkdtemp(prefix="locdoc-hostile-")
    try:
        print("| reproducer (issue 11) | command | wall | peak RSS | exit |\n|---|---|---:|---:|---:|")
        for name, (en, cs, args) in reproducers().items():
            if a.only and a.only not in name:
                continue
            root = os.path.join(tmp, f"r{abs(hash(name))}")
            make_site(root, en, cs)
            wall, rss, code = run(locdoc, root, args)
            print(f"| {name} | `{' '.join(args)}` | {wall:.2f} s | {rss} MB | {code} |", flush=True)
        print(f"\n| {a.mb} MB page pair | check | build | build --review |\n|---|---:|---:|---:|")
        target = int(a.mb * 1024 * 1024) - 64
        for name, (en, cs) in shapes(target).items():
            if a.only and a.only not in name:
                continue
            root = os.path.join(tmp, f"s{abs(hash(name))}")
            make_site(root, en, cs)
            cells = []
            for args in (["check", "-q"], ["build", "-q"], ["build", "-q", "--review"]):
                wall, rss, code = run(locdoc, root, args)
                cells.append(f"{wall:.2f} s / {rss} MB" + ("" if code in (0, 1) else f" (exit {code})"))
            print(f"| {name} | " + " | ".join(cells) + " |", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
