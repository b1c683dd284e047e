#!/bin/bash
# Usage: signalling.sh
# Check that lockdep catches each broken fence signalling rule. Builds one
# UML kernel with configs/uml.config, debug.config and signalling.config in
# build/kunit-signalling, then boots it once per case of the KUnit suites
# dma-fence-signalling-negative and drm-sched-submit-wq-negative (lockdep
# reports only once per boot). Each case must pass, and its log must hold
# exactly the expected report and no other splat (for nesting_array_of_chains
# the report is the kernel's warning about the array of chains, and lockdep
# must stay quiet). The positive suite dma-fence-signalling runs once more on
# this kernel (with the debug check on) and must leave a clean log.
# TREE is the kernel tree (default build/linux).
# Writes "passed failed skipped" to build/results/kunit-signalling.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

top=$PWD
tree=${TREE:-build/linux}
bdir=$top/build/kunit-signalling
res=$top/build/results/kunit-signalling
suite=dma-fence-signalling-negative

# CASE|the one splat line of its report|another line that must appear once
# (a CASE of another suite is named SUITE.CASE)
cases=(
	"wq_alloc_kernel|possible circular locking dependency detected"
	"wq_fence_wait|possible recursive locking detected"
	"wq_lock_around_wait|possible circular locking dependency detected"
	"wq_flush_in_section|possible recursive locking detected"
	"nesting_wrong_order|WARNING: dma-fence signalling sections ended out of order"
	"nesting_array_of_chains|WARNING: .* dma_fence_array_init\+"
	"debug_signal_outside_section|WARNING: .* dma_fence_debug_signalling\+|sig-test-driver:sig-test-timeline signalled outside"
	"drm-sched-submit-wq-negative.opted_in_run_job_allocates|possible circular locking dependency detected"
)

mkdir -p "$bdir" build/results
rm -f "$res"
passed=0 failed=0 skipped=0

# count REGEX FILE: the number in the last match of REGEX in FILE, or 0.
count() { grep -oE "$1" "$2" | tail -1 | grep -oE '[0-9]+' || echo 0; }
kunit() { (cd "$tree" && ./tools/testing/kunit/kunit.py "$@"); }

say "building $tree in $bdir"
kunit build --kunitconfig=drivers/dma-buf \
	--kunitconfig=drivers/gpu/drm/scheduler \
	--kunitconfig="$top/configs/uml.config" \
	--kunitconfig="$top/configs/debug.config" \
	--kunitconfig="$top/configs/signalling.config" \
	--build_dir="$bdir" --jobs="$(nproc)" \
	--make_options=CC="ccache gcc" > "$bdir.build.out" 2>&1 ||
	die "build failed, see $bdir.build.out"

# run GLOB NAME: boot once with the KUnit filter GLOB; log in $bdir/NAME.log.
# Returns kunit.py's status, and sets ran/npass/nskip from its summary.
run() {
	local out=$bdir/$2.out rc=0
	rm -f "$bdir/test.log"
	kunit exec --build_dir="$bdir" --timeout=600 "$1" > "$out" 2>&1 || rc=$?
	cp "$bdir/test.log" "$bdir/$2.log" 2>/dev/null || : > "$bdir/$2.log"
	ran=$(count 'Ran [0-9]+ tests' "$out")
	npass=$(count 'passed: [0-9]+' "$out")
	nskip=$(count 'skipped: [0-9]+' "$out")
	return $rc
}

for c in "${cases[@]}"; do
	IFS='|' read -r name want also <<< "$c"
	ok=1
	glob=$name
	[ "${name#*.}" != "$name" ] || glob=$suite.$name
	run "$glob" "$name" || ok=0
	[ "$ran" -eq 1 ] && [ "$npass" -eq 1 ] || ok=0
	log=$bdir/$name.log
	splats=$(grep -E -f tools/splat-patterns.txt "$log" || true)
	if [ "$(printf '%s\n' "$splats" | grep -c .)" -ne 1 ] ||
	   ! printf '%s\n' "$splats" | grep -qE "$want"; then
		echo "$name: expected one report /$want/, got:"
		printf '%s\n' "$splats" | head -5
		ok=0
	fi
	if [ -n "$also" ] && [ "$(grep -cE "$also" "$log")" -ne 1 ]; then
		echo "$name: /$also/ is not in the log exactly once"
		ok=0
	fi
	if [ "$ok" -eq 1 ]; then
		echo "ok: $name: $(printf '%s\n' "$splats" | sed 's/^\[[^]]*\] //')"
		passed=$((passed + 1))
	else
		echo "FAIL: $name (see $log)"
		failed=$((failed + 1))
	fi
done

# The positive cases, with the debug check on: no report at all.
if run dma-fence-signalling "positive" && [ "$ran" -gt 0 ] &&
   NO_EXPECTED_WARNINGS=1 tools/scan-log.sh "$bdir/positive.log"; then
	passed=$((passed + npass)) skipped=$((skipped + nskip))
else
	echo "FAIL: suite dma-fence-signalling (see $bdir/positive.log)"
	failed=$((failed + 1))
fi

echo "$passed $failed $skipped" > "$res"
say "kunit signalling: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
