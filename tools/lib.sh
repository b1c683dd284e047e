# Shared helpers for the scripts in tools/ (sourced, not run).
say() { printf '== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
patches_sum() { cat patches/*.patch 2>/dev/null | sha256sum | cut -c1-16; }
