#!/bin/bash
# Usage: kunit.sh uml|uml-debug|uml-trace|qemu-debug|qemu-kcsan
# Build and run the dma-buf KUnit suites (drivers/dma-buf/.kunitconfig) and
# the drm scheduler's fence suite in build/linux through kunit.py, then scan
# the raw kernel log for splats. The qemu debug kernel also gets
# configs/faults.config, for tools/faults.sh. uml-trace runs the uml-debug
# kernel (building it if needed) with every dma_fence trace event enabled
# from boot and printed to the kernel log, and checks that the signal
# events carry the issuers' names. qemu-kcsan is the data-race run: the
# same suites on qemu -smp 2 under KCSAN (configs/kcsan.config), whose
# every report fails the run.
# Writes "passed failed skipped" to build/results/kunit-VARIANT.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

variant=$1
top=$PWD
args=(--kunitconfig=drivers/dma-buf)
# The drm scheduler's fence suite, from the patch of the series that adds it.
[ ! -f build/linux/drivers/gpu/drm/scheduler/.kunitconfig ] ||
	args+=(--kunitconfig=drivers/gpu/drm/scheduler)
case $variant in
uml)		args+=(--kunitconfig="$top/configs/uml.config") ;;
uml-debug|uml-trace)
		args+=(--kunitconfig="$top/configs/uml.config"
		       --kunitconfig="$top/configs/debug.config") ;;
qemu-debug)	args+=(--arch=x86_64 --qemu_args="-smp 2"
		       --kunitconfig="$top/configs/qemu.config"
		       --kunitconfig="$top/configs/debug.config"
		       --kunitconfig="$top/configs/faults.config") ;;
qemu-kcsan)	args+=(--arch=x86_64 --qemu_args="-smp 2"
		       --kunitconfig="$top/configs/qemu.config"
		       --kunitconfig="$top/configs/kcsan.config") ;;
*)		die "unknown variant $variant" ;;
esac
# The UML and the qemu debug kernels also get the modules of the dma-fence
# kselftests (configs/unload.config: the issuer test module, vkms and vgem),
# once the series has them, so that tools/kselftest.sh boots the kernel this
# stage built (on qemu with virtio-gpu too: configs/virtio-gpu.config). Not
# the UML debug one: UML's KASAN does not cover module memory and reports
# every module load.
if [ -f build/linux/drivers/dma-buf/dma-fence-issuer-test.c ] &&
   [ "${variant#uml-}" = "$variant" ]; then
	args+=(--kunitconfig="$top/configs/unload.config")
	# On qemu also virtio-gpu (and PCI), which the kselftests drive on
	# a "-device virtio-gpu-pci" (tools/kselftest.sh).
	[ "$variant" = uml ] || args+=(--kunitconfig="$top/configs/virtio-gpu.config")
fi
# The cases that warn on purpose, once the series has their option, in the
# debug runs. The plain run stays as a developer or a CI farm runs the suites:
# without them, and its log scan then allows no warning at all.
if [ "$variant" != uml ] && [ "$variant" != qemu-kcsan ] &&
   grep -q '^config DMABUF_KUNIT_TEST_WARNINGS$' build/linux/drivers/dma-buf/Kconfig; then
	args+=(--kunitconfig="$top/configs/warnings.config")
fi
# A KASAN report fails the KUnit case it happens in; without multi-shot,
# KASAN reports only the first one of a boot.
[ "$variant" = uml ] || [ "$variant" = qemu-kcsan ] ||
	args+=(--kernel_args=kasan_multi_shot)
bdir=$top/build/kunit-${variant/uml-trace/uml-debug}
res=$top/build/results/kunit-$variant
out=$top/build/kunit-$variant.out
[ "$variant" != uml-trace ] ||
	args+=(--kernel_args=trace_event=dma_fence:* --kernel_args=tp_printk)
mkdir -p "$bdir" build/results
rm -f "$res"

json=$top/build/kunit-$variant.json
rm -f "$bdir/test.log" "$json"
set +e
(cd build/linux && ./tools/testing/kunit/kunit.py run "${args[@]}" \
	--build_dir="$bdir" --jobs="$(nproc)" --timeout=900 --json="$json" \
	--make_options=CC="ccache gcc") > "$out" 2>&1
rc=$?
set -e
grep -E '^\[[0-9:]+\] (=+|Testing complete|Elapsed)|(FAILED|SKIPPED|CRASHED)|ERROR' "$out" | tail -40

# The counts come from kunit.py's JSON (KernelCI format): every test case,
# a parameterised case counting once per parameter.
read -r passed failed skipped < <(python3 - "$json" <<'PY' 2>/dev/null || echo "0 0 0"
import json, sys
n = {}
def walk(group):
    for case in group.get("test_cases", []):
        n[case["status"]] = n.get(case["status"], 0) + 1
    for sub in group.get("sub_groups", []):
        walk(sub)
walk(json.load(open(sys.argv[1])))
print(n.get("PASS", 0), sum(v for k, v in n.items() if k not in ("PASS", "SKIP")),
      n.get("SKIP", 0))
PY
)
ran=$((passed + failed + skipped))
[ "$ran" -gt 0 ] || { echo "kunit.py ran no test (exit $rc); see $out"; failed=$((failed + 1)); }
[ "$rc" -eq 0 ] || { echo "kunit.py exited $rc; see $out"; [ "$failed" -gt 0 ] || failed=1; }

# The SMP runs exist to run what needs two CPUs: a skip there is a failure.
# Only the KCSAN kernel, which cannot have KASAN, may skip the cases that
# need KASAN to see what they test (qemu-debug runs them).
if [ "${variant#qemu-}" != "$variant" ] && [ "$skipped" -gt 0 ]; then
	allowed='^$'
	[ "$variant" != qemu-kcsan ] || allowed='# SKIP only KASAN sees '
	bad=$(grep -E '# SKIP' "$bdir/test.log" | grep -c -v -E "$allowed" || true)
	if [ "$bad" -gt 0 ]; then
		echo "FAIL: $bad test(s) skipped on 2 CPUs:"
		grep -E '# SKIP' "$bdir/test.log" | grep -v -E "$allowed" | head
		failed=$((failed + bad))
	fi
fi
# The log holds the deliberate warnings only if the kernel has their cases.
nowarn=1
! grep -q '^CONFIG_DMABUF_KUNIT_TEST_WARNINGS=y' "$bdir/.config" || nowarn=
kcsan=
[ "$variant" != qemu-kcsan ] || kcsan=1
if ! KCSAN=$kcsan NO_EXPECTED_WARNINGS=$nowarn tools/scan-log.sh "$bdir/test.log"; then
	failed=$((failed + 1))
fi
# Tracing tools match a fence's signal with its other events by the names.
if [ "$variant" = uml-trace ]; then
	cp "$bdir/test.log" build/kunit-uml-trace.log
	events=$(grep -c 'dma_fence_signaled: driver=' build/kunit-uml-trace.log || true)
	detached=$(grep -c 'dma_fence_signaled: driver=detached' build/kunit-uml-trace.log || true)
	say "$events dma_fence_signaled events, $detached of them without the issuer's names"
	if [ "$events" -eq 0 ] || [ "$detached" -gt 0 ]; then
		echo "FAIL: signal events must carry the names (build/kunit-uml-trace.log)"
		failed=$((failed + 1))
	fi
fi
echo "$passed $failed $skipped" > "$res"
say "kunit $variant: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
