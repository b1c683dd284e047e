#!/bin/bash
# Usage: unload-base.sh
# The proof that the module-unload kselftest tests something: run it on the
# unpatched base, where a signaled fence still calls into the ops and names
# of the module that issued it. After the first rmmod, the test's
# SYNC_IOC_FILE_INFO calls into freed module memory: the run must crash or
# splat. Succeeds when it does.
#
# build/unload-base/linux is the base with the test module and the
# kselftest of the series, plus tools/unload-base.patch: their Kconfig and
# Makefile lines, and the two changes base needs (no inline lock, no
# dma_fence_signal_error()). It is built for UML with the kselftest's
# config fragment and booted by tools/unload.sh.
# Writes "passed failed 0" to build/results/unload-base.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

top=$PWD
WT=$top/build/unload-base/linux
bdir=$top/build/unload-base/kunit-uml
res=build/results/unload-base
mkdir -p build/results
rm -f "$res"
files="drivers/dma-buf/dma-fence-issuer-test.c tools/testing/selftests/dma-fence"
series=$(git -C build/linux log -1 --format=%H -- drivers/dma-buf/dma-fence-issuer-test.c)
[ -n "$series" ] || die "build/linux has no test module: make tree"

[ -d "$WT" ] || git -C build/linux worktree add -q --detach "$WT" base
git -C "$WT" checkout -q -f --detach base
git -C "$WT" clean -q -fdx -- drivers/dma-buf tools/testing/selftests/dma-fence
# shellcheck disable=SC2086
git -C "$WT" checkout -q "$series" -- $files
git -C "$WT" apply "$top/tools/unload-base.patch"

say "building the base for UML with the kselftest's config"
(cd "$WT" && ./tools/testing/kunit/kunit.py build \
	--kunitconfig=tools/testing/selftests/dma-fence/config \
	--kunitconfig="$top/configs/uml.config" \
	--kunitconfig="$top/configs/unload.config" \
	--build_dir="$bdir" --jobs="$(nproc)" --make_options=CC="ccache gcc") \
	> build/unload-base/build.out 2>&1 ||
	{ tail -20 build/unload-base/build.out; die "base build failed"; }

set +e
tools/unload.sh uml "$bdir" unload-base-run
rc=$?
set -e
log=build/unload-base-run/console.log
# The crash must come from the test: a splat after it started.
crash=$(sed -n '/^TAP version/,$p' "$log" | grep -E -f tools/splat-patterns.txt || true)
if [ "$rc" -ne 0 ] && [ -n "$crash" ]; then
	say "unload-base: the test crashed the base, as it must:"
	sed -n '/^TAP version/,$p' "$log" | grep -m 3 -E 'RIP|EIP|pc :|Comm:'
	printf '%s\n' "$crash" | head -3
	echo "1 0 0" > "$res"
else
	echo "FAIL: the unload test did not crash or splat the unpatched base (exit $rc)"
	echo "0 1 0" > "$res"
	exit 1
fi
