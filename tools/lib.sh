# Shared helpers for the scripts in tools/ (sourced, not run).
say() { printf '== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
patches_sum() { cat patches/*.patch 2>/dev/null | sha256sum | cut -c1-16; }
# ccache: build/gates/linux with build/gates/X mirrors build/linux with
# build/X, so with paths taken relative to build/ the bisect and sparse
# builds of the gates hit the cache filled by the KUnit and tree-wide builds.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build}
export CCACHE_NOHASHDIR=1
