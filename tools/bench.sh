#!/bin/bash
# Usage: bench.sh uml|qemu|qemu-icount|smoke
# The dma-fence benchmark (tools/bench/dma_fence_bench.c), base against
# series.
#  uml, qemu (make bench): kernels of the base and of the series, built
#    with the same config (configs/bench.config, debug options off) in
#    build/bench/VARIANT-{base,patched}; BENCH_ROUNDS rounds (UML 11, qemu
#    5), booting
#    the two kernels alternately; each case runs for at least 100 ms. UML
#    runs kernel code natively but has one CPU; qemu is x86_64 under TCG
#    with -smp 2.
#  qemu-icount: the qemu kernels, run with -icount shift=0: the guest's
#    clock then advances by one nanosecond per instruction that a vCPU
#    executes (one TCG thread, round-robin), so the figures are
#    instructions per operation, all vCPUs together, and do not depend on
#    how fast TCG emulates an instruction (a per-CPU access, an atomic).
#  smoke (make test): one round of 10 ms cases on the UML kernels make
#    test built already (kunit-uml and kselftest-base), so it cannot rot;
#    its numbers mean nothing.
# The benchmark module is built out of tree against each kernel, with
# BENCH_PATCHED=y for the series (its cases of the new API). Writes the
# table (also printed), a CSV and a PNG of the ratios to build/bench/MODE/,
# and "passed failed 0" to build/results/bench-MODE.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

mode=$1
top=$PWD
out=build/bench/$mode
res=build/results/bench-$mode
mkdir -p build/results "$out"
rm -f "$res" "$out"/*.log

kbuild() {	# source-tree build-dir
	say "building $2"
	(cd "$1" && ./tools/testing/kunit/kunit.py build "${kargs[@]}" \
		--kunitconfig="$top/configs/bench.config" --build_dir="$2" \
		--jobs="$(nproc)" --make_options=CC="ccache gcc") > "$2.out" 2>&1 ||
		{ tail -20 "$2.out"; die "build of $2 failed"; }
}

arch=um
rounds=${BENCH_ROUNDS:-5} ms=100
kbase=$top/build/bench/$mode-base kpatched=$top/build/bench/$mode-patched
case $mode in
uml)	kargs=(--kunitconfig="$top/configs/uml.config")
	rounds=${BENCH_ROUNDS:-11} ;;	# cheap, and UML timings are bimodal
qemu|qemu-icount)
	kargs=(--arch=x86_64 --kunitconfig="$top/configs/qemu.config") arch=x86_64
	kbase=$top/build/bench/qemu-base kpatched=$top/build/bench/qemu-patched
	if [ "$mode" = qemu-icount ]; then
		export QEMU_ARGS="-icount shift=0,sleep=off" BENCH_UNIT=insn/op
	fi ;;
smoke)	rounds=1 ms=10
	kbase=$top/build/kselftest-base/kunit-uml kpatched=$top/build/kunit-uml ;;
*)	die "unknown mode $mode" ;;
esac
if [ "$mode" != smoke ]; then
	src=$top/build/bench/base-src
	[ -d "$src" ] || git -C build/linux worktree add -q --detach "$src" base
	kbuild "$src" "$kbase"
	kbuild build/linux "$kpatched"
fi

for k in base patched; do
	kdir=kbase; [ $k = base ] || kdir=kpatched
	mod=$out/mod-$k
	rm -rf "$mod" "$out/root-$k" && mkdir -p "$mod" "$out/root-$k"/{bin,proc}
	cp tools/bench/Kbuild tools/bench/dma_fence_bench.c "$mod/"
	make -s -C "${!kdir}" M="$top/$mod" ARCH=$arch \
		BENCH_PATCHED="$([ $k = patched ] && echo y)" > "$mod/build.out" 2>&1 ||
		{ cat "$mod/build.out"; die "benchmark module for $k does not build"; }
	cp /bin/busybox "$out/root-$k/bin/"
	cp "$mod/dma_fence_bench.ko" "$out/root-$k/"
	cat > "$out/root-$k/init" <<INIT
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
insmod /dma_fence_bench.ko bench_ms=$ms && rmmod dma_fence_bench
grep -q bench_reboot /proc/cmdline && reboot -f
halt -f
INIT
	chmod +x "$out/root-$k/init"
	pack_initramfs "$out/root-$k" "$out/initramfs-$k.cpio.gz"
done

passed=0 failed=0
for r in $(seq "$rounds"); do
	for k in base patched; do
		kdir=kbase; [ $k = base ] || kdir=kpatched
		log=$out/$k-$r.log
		say "round $r: $k"
		if [ "$arch" = um ]; then
			boot "${!kdir}" uml "$out/initramfs-$k.cpio.gz" "$log" || true
		else
			boot "${!kdir}" x86_64 "$out/initramfs-$k.cpio.gz" "$log" \
				bench_reboot || true
		fi
		if grep -q 'dma_fence_bench: done' "$log" &&
		   NO_EXPECTED_WARNINGS=1 tools/scan-log.sh "$log" > /dev/null; then
			passed=$((passed + 1))
		else
			echo "FAIL: round $r on $k did not finish cleanly; see $log"
			failed=$((failed + 1))
		fi
	done
done
/usr/bin/python3 tools/bench/report.py "$out" "$out"/base-*.log "$out"/patched-*.log ||
	failed=$((failed + 1))
echo "$passed $failed 0" > "$res"
say "bench $mode: $passed rounds passed, $failed failed; table in $out/bench.txt"
[ "$failed" -eq 0 ]
