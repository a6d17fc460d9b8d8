#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs made from the real pages in
# ../shared (beside the repository): the ETW pages, the guides and the five
# seed pages. The corpus folders are not committed (see .gitignore).
#   sxs, front_matter: one page per file;
#   align, markdown:   English page, a NUL byte, the translation of it.
# Usage: fuzz/seed.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")"
shared="$(cd "${1:-../../shared}" && pwd)"
for dir in "$shared/corpus/content" "$shared/corpus/guides/content" "$shared/seeds"; do
  [ -d "$dir" ] || { echo "missing: $dir" >&2; exit 1; }
done
for t in sxs front_matter align markdown; do mkdir -p "corpus/$t"; done
n=0
# One page pair, English EN and its translation TR, as NAME in every corpus.
seed_pair() {
  local en="$1" tr="$2" name="$3"
  cp "$tr" "corpus/sxs/$name"
  cp "$tr" "corpus/front_matter/$name"
  for t in align markdown; do
    { cat "$en"; printf '\0'; cat "$tr"; } > "corpus/$t/$name"
  done
  n=$((n + 1))
}
for content in "$shared/corpus/content" "$shared/corpus/guides/content"; do
  while IFS= read -r -d '' en; do
    rel="${en#"$content/en-US/"}"
    name="$(printf '%s' "$rel" | tr '/' '_')"
    cp "$en" "corpus/front_matter/en-US_$name"
    for loc_dir in "$content"/*/; do
      loc="$(basename "$loc_dir")"
      [ "$loc" = en-US ] && continue
      tr="$loc_dir$rel"
      [ -f "$tr" ] || continue
      seed_pair "$en" "$tr" "${loc}_$name"
    done
  done < <(find "$content/en-US" -name '*.md' -print0 | sort -z)
done
en="$shared/corpus/content/en-US/etw/4031-dispatchsessionfailed.md"
for seed in "$shared"/seeds/*.txt; do
  name="seed_$(basename "$seed")"
  seed_pair "$en" "$seed" "$name"
done
echo "seeded $n page pairs into fuzz/corpus/{sxs,front_matter,align,markdown}"
