#!/usr/bin/env bash
# One big generated site, built whole and in shards: the figures of
# BENCHMARKS.md's "300,000 pages" section.
#
#   benches/scale.sh                     # 300,000 pages, 4 shards, in /tmp/locdoc-scale
#   benches/scale.sh --pages 60000 --shards 2 --work /tmp/s
#
# Builds locdoc and gen_site (release), generates the site (untimed), then times,
# one after the other, each with GNU time (wall, user + sys CPU, peak RSS):
#   1. `build` with search (the default build, clean: no output, no cache),
#   2. `build --no-search`, clean,
#   3. `build --shard I/N` for every shard, then `build --merge` of the parts.
# The merged output is compared with the single build's (`diff -r`). A Markdown
# table goes to stdout and WORK/scale.md; outputs are removed at the end.
set -euo pipefail
pages=300000 shards=4 work=/tmp/locdoc-scale
while [ $# -gt 0 ]; do
  case "$1" in
    --pages) pages="$2"; shift 2 ;;
    --shards) shards="$2"; shift 2 ;;
    --work) work="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
repo="$(cd "$(dirname "$0")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$repo/target}"
(cd "$repo" && cargo build --release --quiet --bin locdoc --example gen_site)
locdoc="$target/release/locdoc"
mkdir -p "$work"
site="$work/site"
echo "== generating $pages pages into $site"
"$target/release/examples/gen_site" --pages "$pages" --layouts locdoc "$site"
root="$site/locdoc"
rows=()
run() {  # label, then the command
  local label="$1"; shift
  sync
  /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >"$work/log.txt" 2>&1 || {
    echo "$label failed:" >&2; tail -5 "$work/log.txt" >&2; exit 1; }
  read -r wall user sys rss <"$work/time.txt"
  local row
  row="$(printf '| %s | %.1f s | %.1f + %.1f s | %d MB |' "$label" "$wall" "$user" "$sys" "$((rss / 1024))")"
  echo "$row"
  rows+=("$row")
}
clean() { rm -rf "$root/.locdoc-cache" "$@"; }

clean "$work/single"
run "build (with search), clean" "$locdoc" build --root "$root" --out "$work/single" --quiet --no-cache
clean "$work/nosearch"
run "build --no-search, clean" "$locdoc" build --root "$root" --out "$work/nosearch" --quiet --no-cache --no-search
rm -rf "$work/nosearch"
parts=()
for i in $(seq 1 "$shards"); do
  clean "$work/part-$i"
  run "build --shard $i/$shards" "$locdoc" build --root "$root" --shard "$i/$shards" --out "$work/part-$i" --quiet
  parts+=("$work/part-$i")
done
clean "$work/merged"
run "build --merge (${shards} parts)" "$locdoc" build --root "$root" --merge "${parts[@]}" --out "$work/merged" --quiet
same="identical"
diff -rq "$work/single" "$work/merged" >"$work/diff.txt" 2>&1 || same="DIFFERENT ($(wc -l <"$work/diff.txt") lines in $work/diff.txt)"
files="$(find "$work/single" -type f | wc -l)"
bytes="$(du -sm "$work/single" | cut -f1)"
{
  echo "$pages pages ($("$locdoc" --version), $(nproc) cores, $(date -u +%FT%TZ)):"
  echo
  echo "| step | wall | CPU user + sys | peak RSS |"
  echo "|---|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "Single build's output: $files files, $bytes MB; merged output against it: $same."
} | tee "$work/scale.md"
rm -rf "$work/single" "$work/merged" "${parts[@]}"
