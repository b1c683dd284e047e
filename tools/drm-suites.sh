#!/bin/bash
# Usage: drm-suites.sh uml|qemu [series]
# The DRM subsystem's own KUnit suites under the series, against the base:
# the drm core's (drivers/gpu/drm/tests) and TTM's (drivers/gpu/drm/ttm/tests,
# whose buffer-object cases attach fences to reservation objects, wait on
# them and signal them); on qemu also i915's mock selftests (request,
# sw_fence, timelines, dma-buf, ... on a mock device, no hardware), which
# the same kernel runs in a second boot with i915.mock_selftests=-1. These
# are fence users written by driver authors, not by this project. Each runs with the debug config (lockdep, KASAN,
# kmemleak, ...) on UML, or on x86_64 qemu -smp 2 (TTM's suites need
# COMPILE_TEST there), once on the series (build/linux) and once on the
# unpatched base (a worktree of tag "base"), through kunit.py and its JSON.
#
# Fails on a case that passes on the base and not on the series (a
# regression of the series), on a case the series lacks, and on a splat in
# the series' log that the base's log does not have. What fails on the base
# too is listed, not counted against the series.
# With "series", the base's results of an earlier run are reused (after a
# change to the series only).
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
	# TTM's suites need COMPILE_TEST here; i915 is built in for its
	# mock selftests, with its sw_fence debug objects (EXPERT shows its
	# debug menu), and the second boot needs an initramfs.
	printf 'CONFIG_%s=y\n' COMPILE_TEST PCI EXPERT DRM_I915 DRM_I915_SELFTEST \
		DRM_I915_SW_FENCE_DEBUG_OBJECTS BLK_DEV_INITRD > "$out/qemu-drm.config"
	frags+=("$out/qemu-drm.config") ;;
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

# i915_mock NAME: boot NAME's qemu kernel (KUnit off) with i915's mock
# selftests, then read their result from sysfs (-25, -ENOTTY: all ran and
# passed) and scan kmemleak; the log is $out/qemu-NAME-i915.log.
i915_mock() {
	local bdir=$out/qemu-$1 root=$out/i915-root
	rm -rf "$root" && mkdir -p "$root"/{bin,dev,proc,sys}
	cp /bin/busybox "$root/bin/"
	cat > "$root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
echo "i915-mock: result $(cat /sys/module/i915/parameters/mock_selftests)"
leaks=/sys/kernel/debug/kmemleak
echo scan > $leaks && echo scan > $leaks && cat $leaks
echo "i915-mock: kmemleak scan done"
reboot -f
INIT
	chmod +x "$root/init"
	pack_initramfs "$root" "$out/i915-root.cpio.gz"
	say "$1: booting with i915's mock selftests"
	boot "$bdir" x86_64 "$out/i915-root.cpio.gz" "$out/qemu-$1-i915.log" \
		i915.mock_selftests=-1 kasan_multi_shot panic=-1 || true
	grep -E 'i915-mock: result|failed with error|setup failed' "$out/qemu-$1-i915.log" || true
}

run series build/linux
[ "$variant" != qemu ] || i915_mock series
if [ "${2:-}" = series ] && [ -f "$out/$variant-base.json" ]; then
	say "base: the results of the last run ($out/$variant-base*)"
else
	run base "$out/base-linux"
	[ "$variant" != qemu ] || i915_mock base
fi

# lockdep reports once per boot, and 6.12's drm_hdmi_state_helper_test ends a
# case with modeset locks held: the case thread's exit ("still has locks
# held") or the cleanup's unlock ("bad unlock balance") reports it, whichever
# comes first in that boot. Both are one kind.
splats() { grep -E -f tools/splat-patterns.txt "$1" 2>/dev/null |
	sed -E 's/^\[[^]]*\] //; s/(CPU|PID): [0-9]+/\1: N/g; s/\+0x[0-9a-f]+\/0x[0-9a-f]+//g
		s/0x[0-9a-f]+/0xN/g; s/[0-9]+ new suspected/N new suspected/
		s#at [^ ]*/(base-)?linux/#at #; s#([a-z_]+)/[0-9]+#\1/N#g
		s#WARNING: (bad unlock balance detected!|[a-z_]+/N still has locks held!)#WARNING: lockdep: locks held at the end of a KUnit case#' |
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
# i915's mock selftests stop at the first failure; "Running A/B" starts a
# subtest, "i915/A: B failed with error" (or "setup failed for B") ends it
# failed. A subtest that ran on the base and passed must pass on the series,
# and the series' result must be -25 (-ENOTTY: all passed) or the base's.
i915_cases() {	# LOG: "A/B PASS|FAIL" per subtest that ran
	local log=$1 bad
	bad=$(sed -n -E -e 's#.*i915/([a-z0-9_]+): ([a-z0-9_]+) failed with error.*#\1/\2#p' \
		-e 's#.*i915/([a-z0-9_]+): setup failed for ([a-z0-9_]+).*#\1/\2#p' "$log")
	grep -o -E 'i915: Running [a-z0-9_]+/[a-z0-9_]+' "$log" | sed 's/.*Running //' |
	while read -r c; do
		if printf '%s\n' "$bad" | grep -q -x -F "$c"; then echo "$c FAIL"; else echo "$c PASS"; fi
	done
}
if [ "$variant" = qemu ]; then
	i915s=$(i915_cases "$out/qemu-series-i915.log")
	i915b=$(i915_cases "$out/qemu-base-i915.log")
	rs=$(sed -n 's/.*i915-mock: result //p' "$out/qemu-series-i915.log" | tr -d '\r')
	rb=$(sed -n 's/.*i915-mock: result //p' "$out/qemu-base-i915.log" | tr -d '\r')
	ps=$(printf '%s\n' "$i915s" | grep -c ' PASS$' || true)
	pb=$(printf '%s\n' "$i915b" | grep -c ' PASS$' || true)
	say "i915 mock selftests: series result ${rs:-none}, $ps subtests passed; base result ${rb:-none}, $pb passed"
	reg=$(comm -23 <(printf '%s\n' "$i915b" | grep ' PASS$' | sort) \
		       <(printf '%s\n' "$i915s" | grep ' PASS$' | sort))
	if [ -n "$reg" ] || { [ "$rs" != -25 ] && [ "$rs" != "$rb" ]; } || [ "$ps" -eq 0 ]; then
		echo "FAIL: i915 mock selftests: result ${rs:-none} (base ${rb:-none}); passed on the base only:"
		printf '%s\n' "$reg" | head -20
		failed=$((failed + 1))
	fi
	grep -q 'i915-mock: kmemleak scan done' "$out/qemu-series-i915.log" ||
		{ echo "FAIL: no kmemleak scan after the i915 mock selftests"; failed=$((failed + 1)); }
	new=$(comm -23 <(splats "$out/qemu-series-i915.log") <(splats "$out/qemu-base-i915.log"))
	if [ -n "$new" ]; then
		echo "FAIL: splats in the series' i915 log that the base's does not have:"
		printf '%s\n' "$new" | head -20
		failed=$((failed + 1))
	fi
	passed=$((passed + ps))
fi
say "drm and TTM suites on the base: $(splats "$out/$variant-base/test.log" | grep -c . || true) kinds of splat (the series may keep them)"
echo "$passed $failed $skipped" > "$res"
say "drm-suites $variant: $passed passed, $failed failed, $skipped skipped on the series"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
