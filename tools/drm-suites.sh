#!/bin/bash
# Usage: drm-suites.sh uml|qemu
# The DRM subsystem's own KUnit suites under the series, against the base:
# the drm core's (drivers/gpu/drm/tests) and TTM's (drivers/gpu/drm/ttm/tests,
# whose buffer-object cases attach fences to reservation objects, wait on
# them and signal them). These are fence users written by driver authors,
# not by this project. Each runs with the debug config (lockdep, KASAN,
# kmemleak, ...) on UML, or on x86_64 qemu -smp 2 (TTM's suites need
# COMPILE_TEST there), once on the series (build/linux) and once on the
# unpatched base (a worktree of tag "base"), through kunit.py and its JSON.
#
# Fails on a case that passes on the base and not on the series (a
# regression of the series), on a case the series lacks, and on a splat in
# the series' log that the base's log does not have. What fails on the base
# too is listed, not counted against the series.
# Writes "passed failed skipped" of the series' run to
# build/results/drm-suites-VARIANT; the base's counts are printed beside.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

variant=$1
top=$PWD
out=$top/build/drm-suites
res=build/results/drm-suites-$variant
mkdir -p "$out" build/results
rm -f "$res"
[ -d build/linux/.git ] || die "no build/linux: run 'make tree' first"
[ -d "$out/base-linux" ] ||
	git -C build/linux worktree add -q --detach "$out/base-linux" base

case $variant in
uml)	frags=(configs/uml.config configs/debug.config)
	extra=() ;;
qemu)	frags=(configs/qemu.config configs/debug.config)
	extra=(--arch=x86_64 --qemu_args="-smp 2")
	echo "CONFIG_COMPILE_TEST=y" > "$out/compile-test.config"
	frags+=("$out/compile-test.config") ;;
*)	die "unknown variant $variant" ;;
esac

# fragment TREE FILE: FILE without the options TREE's Kconfig lacks (the
# base has no CONFIG_DMA_FENCE_DEBUG_SIGNALLING; kunit.py refuses a
# kunitconfig whose options do not all reach the .config).
fragment() {
	local line sym
	while IFS= read -r line; do
		case $line in
		CONFIG_*)
			sym=${line#CONFIG_}
			sym=${sym%%=*}
			git -C "$1" grep -q -E "^(menu)?config $sym\$" -- '*Kconfig*' ||
				continue ;;
		esac
		printf '%s\n' "$line"
	done < "$2"
}

# run NAME TREE: build and run the suites in TREE, into $out/$variant-NAME.
run() {
	local name=$1 tree=$2 bdir=$out/$variant-$1 f args=()
	mkdir -p "$bdir"
	for f in "${frags[@]}"; do
		fragment "$tree" "$f" > "$bdir/$(basename "$f")"
		args+=(--kunitconfig="$bdir/$(basename "$f")")
	done
	say "$name: building and running the drm and TTM suites ($variant)"
	rm -f "$bdir/test.log" "$bdir.json"
	(cd "$tree" && ./tools/testing/kunit/kunit.py run \
		--kunitconfig=drivers/gpu/drm/tests \
		--kunitconfig=drivers/gpu/drm/ttm/tests "${args[@]}" "${extra[@]}" \
		--kernel_args=kasan_multi_shot \
		--build_dir="$bdir" --jobs="$(nproc)" --timeout=1800 \
		--json="$bdir.json" --make_options=CC="ccache gcc") \
		> "$bdir.out" 2>&1 || true
	grep -E '^\[[0-9:]+\] (Testing complete|Elapsed)|ERROR' "$bdir.out" | tail -4 || true
}

run series build/linux
run base "$out/base-linux"

splats() { grep -E -f tools/splat-patterns.txt "$1" 2>/dev/null |
	sed -E 's/^\[[^]]*\] //; s/(CPU|PID): [0-9]+/\1: N/g; s/\+0x[0-9a-f]+\/0x[0-9a-f]+//g
		s#at [^ ]*/(base-)?linux/#at #; s#([a-z_]+)/[0-9]+#\1/N#g' |
	sort -u || true; }
new_splats=$(comm -23 <(splats "$out/$variant-series/test.log") \
		      <(splats "$out/$variant-base/test.log"))

read -r passed failed skipped < <(python3 - "$out/$variant-series.json" \
	"$out/$variant-base.json" <<'PY'
import json, sys

def cases(path):
    r = {}
    def walk(group, prefix):
        name = prefix + group.get("name", "")
        for case in group.get("test_cases", []):
            r[name + "." + case["name"]] = case["status"]
        for sub in group.get("sub_groups", []):
            walk(sub, name + "/" if name else "")
    try:
        walk(json.load(open(path)), "")
    except (OSError, ValueError):
        pass
    return r

series, base = cases(sys.argv[1]), cases(sys.argv[2])
def count(r, s):
    return sum(1 for v in r.values() if v == s)
print("== cases:       series  base", file=sys.stderr)
for s in ("PASS", "FAIL", "SKIP", "ERROR"):
    print("== %-12s %6d %5d" % (s, count(series, s), count(base, s)), file=sys.stderr)
regressions = sorted(k for k, v in base.items() if v == "PASS" and series.get(k) != "PASS")
both = sorted(k for k, v in series.items() if v not in ("PASS", "SKIP") and base.get(k) == v)
for k in regressions:
    print("REGRESSION: %s: base PASS, series %s" % (k, series.get(k, "missing")), file=sys.stderr)
for k in both:
    print("fails on the base too (not counted): %s" % k, file=sys.stderr)
failed = len(regressions) + (0 if base else 1) + (0 if series else 1)
print(count(series, "PASS"), failed, count(series, "SKIP"))
PY
)
if [ -n "$new_splats" ]; then
	echo "FAIL: splats in the series' log that the base's does not have:"
	printf '%s\n' "$new_splats" | head -20 || true
	failed=$((failed + 1))
fi
say "drm and TTM suites on the base: $(splats "$out/$variant-base/test.log" | grep -c . || true) kinds of splat (the series may keep them)"
echo "$passed $failed $skipped" > "$res"
say "drm-suites $variant: $passed passed, $failed failed, $skipped skipped on the series"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
