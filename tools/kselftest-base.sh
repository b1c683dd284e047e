#!/bin/bash
# Usage: kselftest-base.sh
# The same kselftests on the unpatched base, as the proof that they test
# something: sync_test and sync_storm_test must pass there too (the series
# keeps sw_sync's behaviour), and fence_unload_test must crash or splat it.
# On base, a signaled fence still calls into the ops and names of the module
# that issued it, so after the first rmmod the test's SYNC_IOC_FILE_INFO
# calls into freed module memory. Then, one boot each (every one ends in a
# crash), drm_unload_test's vkms and vgem cases must crash or splat the base
# too: the real drivers' fences. The base boots with slub_debug=P, so that
# a read of freed memory finds poison rather than stale data. Succeeds when
# all that happens, and when debugfs sync/info and SYNC_IOC_FILE_INFO read
# the same on base as on the series for the same sw_sync operations (the
# series' side is the log of make kselftest-uml), but for the differences
# listed with their reason in tools/sync-info-known.diff.
#
# build/kselftest-base/linux is the base with the test module and the
# kselftest of the series, plus tools/kselftest-base.patch: their Kconfig
# and Makefile lines, and the two changes base needs (no inline lock, no
# dma_fence_signal_error()). It is built for UML with the kselftest's
# config fragment and booted by tools/kselftest.sh.
# Writes "passed failed 0" to build/results/kselftest-base.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

top=$PWD
WT=$top/build/kselftest-base/linux
bdir=$top/build/kselftest-base/kunit-uml
res=build/results/kselftest-base
mkdir -p build/results build/kselftest-base
rm -f "$res"
git -C build/linux cat-file -e HEAD:drivers/dma-buf/dma-fence-issuer-test.c 2>/dev/null ||
	die "build/linux has no test module: make tree"
base_with_tests "$WT"

# The kselftests' modules, as for the series, but for the debug option the
# base does not have.
grep -v DMA_FENCE_DEBUG_UNLOAD configs/unload.config > build/kselftest-base/unload.config
say "building the base for UML with the kselftest's config"
(cd "$WT" && ./tools/testing/kunit/kunit.py build \
	--kunitconfig=tools/testing/selftests/dma-fence/config \
	--kunitconfig="$top/configs/uml.config" \
	--kunitconfig="$top/build/kselftest-base/unload.config" \
	--build_dir="$bdir" --jobs="$(nproc)" --make_options=CC="ccache gcc") \
	> build/kselftest-base/build.out 2>&1 ||
	{ tail -20 build/kselftest-base/build.out; die "base build failed"; }

# crashed NAME MARK: the base run NAME crashed or splatted after MARK.
crashed() {
	sed -n "/$2/,\$p" "build/$1/console.log" |
		grep -E -f tools/splat-patterns.txt || true
}
export KSELFTEST_ARGS=slub_debug=P
ksft() { printf '/kselftest/run_kselftest.sh -t %s; ' "$@"; }
set +e
KSELFTEST_RUN=$(ksft sync:sync_test dma-fence:sync_storm_test dma-fence:fence_unload_test) \
	tools/kselftest.sh uml "$bdir" kselftest-base-run
rc=$?
set -e
log=build/kselftest-base-run/console.log
# The crash must come from the unload test: a splat after the runner
# started it (the test's own output may never reach the console: the
# kernel dies before it is flushed).
unload='selftests: dma-fence: fence_unload_test'
crash=$(crashed kselftest-base-run "$unload")
info() { { grep '^sync-info:' "$1" || true; } | tr -d '\r'; }
patched=build/kselftest-uml/console.log
# The console's lines end in CR LF. (No "tr | grep -q": under pipefail,
# grep's early exit kills tr with SIGPIPE on a log larger than a pipe.)
passed() { grep -q -E "^ok 1 selftests: $1"$'\r?$' "$log"; }
if ! passed 'sync: sync_test' || ! passed 'dma-fence: sync_storm_test'; then
	echo "FAIL: sync_test or sync_storm_test does not pass on the base; see $log"
	echo "0 1 0" > "$res"
	exit 1
elif [ "$rc" -eq 0 ] || [ -z "$crash" ]; then
	echo "FAIL: the unload test did not crash or splat the unpatched base (exit $rc)"
	echo "0 1 0" > "$res"
	exit 1
fi
say "kselftest-base: sync_test passed, and the unload test crashed the base:"
sed -n "/$unload/,\$p" "$log" | grep -m 3 -E 'RIP|EIP|Comm:' || true
printf '%s\n' "$crash" | head -3 || true
for t in vkms_fences vgem_signaled; do
	run=kselftest-base-$t
	KSELFTEST_RUN="echo 'kselftest-base: $t'; cd /kselftest/dma-fence && ./drm_unload_test -r drm_unload.$t" \
		tools/kselftest.sh uml "$bdir" "$run" > "build/$run.out" 2>&1 || true
	crash=$(crashed "$run" "kselftest-base: $t")
	if [ -z "$crash" ]; then
		echo "FAIL: drm_unload_test $t did not crash or splat the unpatched base; see build/$run/console.log"
		echo "1 1 0" > "$res"
		exit 1
	fi
	say "drm_unload_test $t crashed the base:"
	grep -m 6 -E 'Kernel panic|BUG|RIP|Segfault|Oops|in [a-z_]+\+0x' "build/$run/console.log" || true
	printf '%s\n' "$crash" | head -3 || true
done
# The series' side of the comparison is the kselftest-uml stage's log.
if [ ! -f "$patched" ]; then
	say "no $patched yet: running the kselftest-uml stage first"
	tools/kselftest.sh uml || true
fi
# The difference, which must be exactly the known one (none, or those
# listed with their reason in tools/sync-info-known.diff).
known=$(grep -v '^#' tools/sync-info-known.diff || true)
got=$(diff <(info "$log") <(info "$patched") || true)
if [ -n "$(info "$log")" ] && [ "$got" = "$known" ]; then
	say "debugfs sync/info and SYNC_IOC_FILE_INFO read the same on base and series$([ -n "$known" ] && echo ", but for the known difference of tools/sync-info-known.diff:")"
	[ -z "$known" ] || printf '%s\n' "$known"
	info "$log" | head -8 || true
	echo "6 0 0" > "$res"
else
	echo "FAIL: debugfs sync/info or SYNC_IOC_FILE_INFO differs between base and series"
	echo "(expected difference: tools/sync-info-known.diff); diff base series:"
	printf '%s\n' "$got" | head -30
	echo "5 1 0" > "$res"
	exit 1
fi
