#!/usr/bin/env bash
# Time locdoc against Hugo, Zola and the I/O floor on generated sites of about
# 600, 6,000 and 30,000 pages (BENCHMARKS.md explains the method).
#
#   benches/peers.sh                              # install peers, build, 600/6000/30000 pages, 3 reps
#   benches/peers.sh --sizes 600,3000 --reps 3    # a quick run
#   benches/peers.sh --no-install --tools locdoc,zola --sizes 600
#
# Options of this wrapper:
#   --no-install   do not run ../shared/peer-bench/install.sh even if hugo/zola are missing
# Everything else goes to benches/peers.py (benches/peers.sh --help lists it):
#   --sizes LIST  --reps N  --tools LIST  --locales N  --seed N  --work DIR
#   --results FILE (default BENCHMARKS.md; the section between its markers is replaced)
#   --raw-dir DIR  --label TEXT  --note TEXT  --drop-caches  --timeout S  --slow S  --keep
#
# Environment: PEER_BENCH_DIR (default ../shared/peer-bench beside the repository),
# JOBS (cargo jobs for building Zola in install.sh; default 1), CARGO_TARGET_DIR.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/.." && pwd)"
shared="${PEER_BENCH_DIR:-$repo/../shared/peer-bench}"
export PATH="$HOME/.cargo/bin:$PATH"

install=1
pass=()
for a in "$@"; do
  case "$a" in
    --no-install) install=0 ;;
    -h|--help) sed -n '2,17p' "$0"; echo; exec python3 "$here/peers.py" --help ;;
    *) pass+=("$a") ;;
  esac
done

have_all() { command -v hugo >/dev/null && command -v zola >/dev/null && [ -x /usr/bin/time ]; }
if have_all; then
  echo "== peers installed: $(hugo version | awk '{print $1, $2}'), $(zola --version)"
elif [ "$install" = 1 ]; then
  if [ -f "$shared/install.sh" ]; then
    echo "== installing the peers with $shared/install.sh (Zola builds from source: slow, JOBS=${JOBS:-1})"
    JOBS="${JOBS:-1}" bash "$shared/install.sh"
  else
    echo "== $shared/install.sh not found: the peers that are missing will be skipped" >&2
  fi
fi
[ -x /usr/bin/time ] || { echo "/usr/bin/time (GNU time) is missing: apt-get install time" >&2; exit 1; }

echo "== building locdoc and gen_site (release)"
(cd "$repo" && cargo build --release --quiet --bin locdoc --example gen_site)
target="${CARGO_TARGET_DIR:-$repo/target}"
case "$target" in /*) ;; *) target="$repo/$target" ;; esac

# The command line, for the results file.
PEERS_ARGV="$(printf '%s\x1f' "$@")"
export PEERS_ARGV
exec python3 "$here/peers.py" --repo "$repo" \
  --locdoc "$target/release/locdoc" --gen-site "$target/release/examples/gen_site" \
  --floor-src "$shared/floor.rs" "${pass[@]}"
