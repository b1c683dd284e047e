#!/bin/bash
# Usage: virtio-base.sh
# drm_unload_test's virtio-gpu cases on the unpatched base, on qemu -smp 2
# with "-device virtio-gpu-pci": the proof that they test something, as
# tools/kselftest-base.sh is for the other kselftests. The base gets the
# series' kselftests and issuer test module with tools/kselftest-base.patch
# (as in kselftest-base), and the series' patch that adds virtio-gpu's
# debugfs virtio-gpu-hold-kicks, which does not depend on the rest of the
# series. One boot per case, each must fail on the base:
#  - virtio_gpu_signaled: after "rmmod virtio_gpu" the held fences still
#    call into the unloaded module (SYNC_IOC_FILE_INFO): a crash or splat;
#  - virtio_gpu_pending: the unbind leaves the fences held back from the
#    host pending: the waiter is not woken, the case fails (or crashes);
#  - virtio_gpu_unbind_race: the same with submitters racing the unbind.
# Not in make test (a kernel of its own, ~15 min cold): make virtio-base.
# Writes "passed failed 0" to build/results/virtio-base: passed counts the
# cases that failed on the base as they must.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

top=$PWD
work=$top/build/virtio-base
WT=$work/linux
bdir=$work/kunit-qemu
res=build/results/virtio-base
mkdir -p build/results "$work"
rm -f "$res"
knob=$(ls patches/*-drm-virtio-add-a-debugfs-knob-that-holds-back-*.patch 2>/dev/null | head -1)
[ -n "$knob" ] || die "no hold-kicks patch in patches/"

base_with_tests "$WT"
git -C "$WT" apply "$top/$knob"

grep -v DMA_FENCE_DEBUG_UNLOAD configs/unload.config > "$work/unload.config"
say "building the base for qemu with virtio-gpu"
(cd "$WT" && ./tools/testing/kunit/kunit.py build --arch=x86_64 \
	--kunitconfig=tools/testing/selftests/dma-fence/config \
	--kunitconfig="$top/configs/qemu.config" \
	--kunitconfig="$work/unload.config" \
	--kunitconfig="$top/configs/virtio-gpu.config" \
	--build_dir="$bdir" --jobs="$(nproc)" --make_options=CC="ccache gcc") \
	> "$work/build.out" 2>&1 ||
	{ tail -20 "$work/build.out"; die "base build failed"; }

failed_as_expected=0 wrong=0
for t in virtio_gpu_signaled virtio_gpu_pending virtio_gpu_unbind_race; do
	run=virtio-base-$t
	KSELFTEST_ARGS=slub_debug=P \
	KSELFTEST_RUN="echo 'virtio-base: $t'; cd /kselftest/dma-fence && DRM_UNLOAD_VIRTIO_CYCLES=1 ./drm_unload_test -r drm_unload.$t" \
		tools/kselftest.sh qemu-base "$bdir" "$run" > "build/$run.out" 2>&1 || true
	log=build/$run/console.log
	crash=$(sed -n "/virtio-base: $t/,\$p" "$log" | grep -E -f tools/splat-patterns.txt || true)
	if [ -n "$crash" ] || grep -q -E "^not ok [0-9]+ drm_unload\.$t" "$log"; then
		say "$t fails on the base, as it must:"
		grep -m 4 -E "drm_unload_test.c:[0-9]+:$t|BUG|Oops|RIP" "$log" || true
		failed_as_expected=$((failed_as_expected + 1))
	else
		echo "FAIL: drm_unload_test $t did not fail on the unpatched base; see $log"
		wrong=$((wrong + 1))
	fi
done
echo "$failed_as_expected $wrong 0" > "$res"
say "virtio-base: $failed_as_expected cases fail on the base as they must, $wrong do not"
[ "$wrong" -eq 0 ]
