#!/bin/bash
# Usage: faults.sh [PROBABILITY [STORM_OPS]]
# Allocation-failure injection aimed at the dma-buf code, on the qemu -smp 2
# debug kernel kunit-qemu-debug built (KASAN, lockdep, kmemleak, and
# configs/faults.config). For each path below, failslab and fail_page_alloc
# fail PROBABILITY % (default 10) of the allocations whose call stack passes
# through the path's objects (the stack-trace filter, with the ranges
# tools/faults/ranges.py reads off System.map; KUnit's own bookkeeping
# is spared), while the path's KUnit suites re-run from debugfs
# and/or sync_storm_test runs with SYNC_STORM_FAULTS=1 (STORM_OPS
# operations per thread, default 5000).
# The run passes when every pass completed, the storm's model found every
# fence consistent with its timeline (no ENOMEM-only errors, nothing lost),
# faults were injected, kmemleak found no leak and the log holds no splat.
# KUnit cases may fail under injection (an -ENOMEM is a clean error).
# Prints the injected failures per path; writes them to
# build/faults-qemu-debug/faults.txt and "passed failed 0" to
# build/results/faults-qemu-debug.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

prob=${1:-10} ops=${2:-5000}
bdir=build/kunit-qemu-debug
work=build/faults-qemu-debug
res=build/results/faults-qemu-debug
log=$work/console.log
storm=build/linux/tools/testing/selftests/dma-fence/sync_storm_test.c
mkdir -p build/results
rm -f "$res"
# The kernel is the kunit-qemu-debug stage's: build it (and run its
# suites) if needed.
grep -q '^CONFIG_FAULT_INJECTION_STACKTRACE_FILTER=y' "$bdir/.config" 2>/dev/null ||
	tools/kunit.sh qemu-debug || true
grep -q '^CONFIG_FAULT_INJECTION_STACKTRACE_FILTER=y' "$bdir/.config" ||
	die "$bdir has no fault injection"

# Path, its objects in drivers/dma-buf/, and what drives it: the KUnit
# suites to re-run (- for none) and whether the storm runs (s). The chain
# path is the chain suite's own: dma_fence_chain_alloc() is inline. A
# timeline case that stops at a failed allocation removes its callbacks and
# cancels what it left pending when it ends, so kmemleak sees no leak.
d=drivers/dma-buf
paths=(
	array		$d/dma-fence-array.o		dma-fence-unwrap,dma-fence-lock s
	chain		$d/st-dma-fence-chain.o		dma-fence-chain			-
	unwrap-merge	$d/dma-fence-unwrap.o		dma-fence-unwrap		s
	timeline	$d/dma-fence-timeline.o		dma-fence-timeline		s
	sync_file	$d/sync_file.o			-				s
	sw_sync		$d/sw_sync.o,$d/sync_debug.o	-				s
	all-dma-buf	"$(cd "$bdir" && ar t $d/built-in.a | paste -sd,)" dma-fence,dma-resv s
)
rm -rf "$work" && mkdir -p "$work"/root/{bin,dev,proc,sys}
args=()
for ((i = 0; i < ${#paths[@]}; i += 4)); do args+=("${paths[i]}" "${paths[i + 1]}"); done
tools/faults/ranges.py "$bdir" "${args[@]}" |
	while read -r name start end; do
		for ((i = 0; i < ${#paths[@]}; i += 4)); do
			[ "${paths[i]}" != "$name" ] ||
				echo "$name $start $end ${paths[i + 2]} ${paths[i + 3]}"
		done
	done > "$work/root/paths"
# Never fail KUnit's own allocations (resources, actions, kunit_kzalloc(),
# assertion reports): contiguous objects, resource.o to assert.o.
k=lib/kunit
read -r _ rstart rend < <(tools/faults/ranges.py "$bdir" kunit \
	$k/resource.o,$k/user_alloc.o,$k/static_stub.o,$k/string-stream.o,$k/assert.o)
cat "$work/root/paths"
cp /bin/busybox "$work/root/bin/"
gcc -static -O2 -Wall -pthread -I build/linux/tools/testing/selftests \
	-o "$work/root/sync_storm_test" "$storm"

cat > "$work/root/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
dbg=/sys/kernel/debug
echo clear > \$dbg/kmemleak
for a in failslab fail_page_alloc; do
	echo 0 > \$dbg/\$a/probability
	echo 1 > \$dbg/\$a/interval
	echo 0 > \$dbg/\$a/space
	echo 0 > \$dbg/\$a/verbose
	echo N > \$dbg/\$a/task-filter
	echo N > \$dbg/\$a/ignore-gfp-wait
	echo 32 > \$dbg/\$a/stacktrace-depth
	echo $rstart > \$dbg/\$a/reject-start
	echo $rend > \$dbg/\$a/reject-end
done
echo 0 > \$dbg/fail_page_alloc/min-order
echo N > \$dbg/fail_page_alloc/ignore-gfp-highmem
while read -r name start end suites storm; do
	for a in failslab fail_page_alloc; do
		echo \$start > \$dbg/\$a/require-start
		echo \$end > \$dbg/\$a/require-end
		echo 1000000 > \$dbg/\$a/times
		echo $prob > \$dbg/\$a/probability
	done
	ran=0
	for s in \$(echo \$suites | tr , ' '); do
		[ -e \$dbg/kunit/\$s/run ] && echo 1 > \$dbg/kunit/\$s/run && ran=\$((ran + 1))
	done
	if [ \$storm = s ]; then
		SYNC_STORM_SEED=\$RANDOM\$RANDOM SYNC_STORM_FAULTS=1 \\
			SYNC_STORM_OPS=$ops SYNC_STORM_SECONDS=300 /sync_storm_test
		storm=\$?
	fi
	for a in failslab fail_page_alloc; do echo 0 > \$dbg/\$a/probability; done
	echo "faults: \$name failslab \$((1000000 - \$(cat \$dbg/failslab/times)))" \\
		"fail_page_alloc \$((1000000 - \$(cat \$dbg/fail_page_alloc/times)))" \\
		"kunit-suites \$ran storm-exit \$storm"
done < /paths
echo scan > \$dbg/kmemleak && echo scan > \$dbg/kmemleak && cat \$dbg/kmemleak &&
	echo "faults: kmemleak scan done"
reboot -f
INIT
chmod +x "$work/root/init"
pack_initramfs "$work/root" "$work/initramfs.cpio.gz"

say "booting the qemu debug kernel: KUnit at boot, then the fault passes"
set +e
boot "$bdir" x86_64 "$work/initramfs.cpio.gz" "$log" nokaslr kunit.enable=1 \
	'kunit.filter=speed>slow'
rc=$?
set -e

passed=0 failed=0
while read -r name _ _ suites _; do
	line=$(grep -E "^faults: $name " "$log" | tr -d '\r' || true)
	set -- $line
	if [ -z "$line" ]; then
		echo "FAIL: pass $name did not complete (exit $rc); see $log"
		failed=$((failed + 1))
	elif [ $(($4 + $6)) -eq 0 ]; then
		echo "FAIL: pass $name injected no failure: $line"
		failed=$((failed + 1))
	elif [[ ${10} != [-0] || ($suites != - && $8 -eq 0) ]]; then
		echo "FAIL: pass $name: storm failed or no KUnit suite ran: $line"
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done < "$work/root/paths"
grep -q 'faults: kmemleak scan done' "$log" ||
	{ echo "FAIL: no kmemleak scan"; failed=$((failed + 1)); }
if ! tools/scan-log.sh "$log"; then
	failed=$((failed + 1))
fi
{
	printf '%-14s %10s %16s %7s %s\n' path failslab fail_page_alloc suites storm
	grep -E '^faults: [^k]' "$log" | grep -v 'kmemleak' |
		awk '{ printf "%-14s %10s %16s %7s %s\n", $2, $4, $6, $8, $10 }'
	grep -E '^# .*(seed|operations|fences|checks|ENOMEM)' "$log" | sed 's/^# /storm: /'
	sum() { tr -d '\r' < "$log" | grep -oE "$1" | awk '{ s += $1 } END { print s + 0 }'; }
	echo "totals: $(sum '[0-9]+ operations:') storm operations," \
		"$(grep -E '^faults: [^k]' "$log" | awk '{ n += $4 + $6 } END { print n }') faults injected," \
		"$(sum '[0-9]+ status checks') fence status checks ($(sum '[0-9]+ wrong') wrong)," \
		"$(sum '[0-9]+ calls failed with ENOMEM') calls failed with ENOMEM"
	echo "KUnit cases under injection: $(grep -cE '^ +ok [0-9]+ ' "$log") ok," \
		"$(grep -cE '^ +not ok [0-9]+ ' "$log") not ok (both include the boot run)"
} | tee "$work/faults.txt"
echo "$passed $failed 0" > "$res"
say "faults qemu-debug: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
