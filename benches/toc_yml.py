#!/usr/bin/env python3
"""Writes a DocFX toc.yml into every folder of a gen_site output's content
(each locale), so the navigation tree of a big site can be measured from
toc.yml files as well as from folders and titles (BENCHMARKS.md,
"Navigation tree").

    benches/toc_yml.py SITE      # SITE as written by examples/gen_site

The tree of a folder: its index.md with every other page of the folder as
its items, in file-name order, named by each locale page's front matter
title (the English title where the locale has no such page).
"""
import os
import re
import sys


def title(path):
    try:
        with open(path, encoding="utf-8") as f:
            head = f.read(4096)
    except OSError:
        return None
    m = re.search(r"^title:\s*(.+)$", head, re.M)
    return m.group(1).strip().strip("'\"") if m else None


def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main(site):
    content = os.path.join(site, "content")
    source = os.path.join(content, "en-US")
    written = 0
    for folder, _, files in os.walk(source):
        pages = sorted(f for f in files if f.endswith(".md"))
        if not pages:
            continue
        rel = os.path.relpath(folder, source)
        for locale in sorted(os.listdir(content)):
            out = os.path.join(content, locale, rel)
            if not os.path.isdir(out):
                continue

            def name(page):
                return title(os.path.join(out, page)) or title(os.path.join(folder, page)) or page

            lines = []
            root = "index.md" if "index.md" in pages else pages[0]
            lines.append(f"- name: {quote(name(root))}\n  href: {root}\n  items:\n")
            for p in pages:
                if p != root:
                    lines.append(f"  - name: {quote(name(p))}\n    href: {p}\n")
            with open(os.path.join(out, "toc.yml"), "w", encoding="utf-8") as f:
                f.writelines(lines)
            written += 1
    print(f"toc_yml: {written} toc.yml files under {content}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
