#!/usr/bin/env bash
# Issue 15's measurements on one generated site, interleaved so that drift in the
# machine's speed hits every command alike (BENCHMARKS.md, "Issue 15").
#
#   benches/issue15.sh SITE BASE_LOCDOC NEW_LOCDOC [REPS]
#
# SITE is a gen_site output (SITE/locdoc, SITE/hugo); BASE_LOCDOC the binary before the
# change, NEW_LOCDOC after. Per rep: clean default build (with search) of both binaries,
# hugo if installed, then with NEW_LOCDOC: an unchanged rebuild and a rebuild after
# editing one cs-CZ page (the edit is undone afterwards), and `check --quiet`.
# Prints one TSV line per run: rep, what, wall seconds, peak RSS (KB).
set -euo pipefail
site="$1"; base="$2"; new="$3"; reps="${4:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$site/locdoc"
page="$(ls "$root"/content/cs-CZ/events/*.md | sed -n 7p)"
run() {  # what, command...
  local what="$1"; shift
  sync
  /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>"$work/err" || { [ "$what" = check ] || { cat "$work/err" >&2; exit 1; }; }
  printf '%s\t%s\t%s\n' "$rep" "$what" "$(tr ' ' '\t' < "$work/t")"
}
printf 'rep\twhat\twall_s\tmaxrss_kb\n'
for rep in $(seq "$reps"); do
  rm -rf "$work/base" "$work/new" "$root/.locdoc-cache"
  run base-clean "$base" build --root "$root" --out "$work/base" --quiet
  run new-clean "$new" build --root "$root" --out "$work/new" --quiet
  if command -v hugo >/dev/null && [ -d "$site/hugo" ]; then
    rm -rf "$work/hugo" "$work/hugo-cache"
    run hugo hugo --quiet -s "$site/hugo" -d "$work/hugo" --cacheDir "$work/hugo-cache"
  fi
  run new-unchanged "$new" build --root "$root" --out "$work/new" --quiet
  cp "$page" "$work/page.bak"
  echo "Upraveno $rep." >> "$page"
  run new-one-edit "$new" build --root "$root" --out "$work/new" --quiet
  cp "$work/page.bak" "$page"
  run new-no-search-clean "$new" build --root "$root" --out "$work/new" --quiet --no-search --no-cache
  run base-check "$base" check --root "$root" --quiet
  run new-check "$new" check --root "$root" --quiet
done
