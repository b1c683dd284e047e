#!/bin/bash
# Usage: kselftest.sh uml|qemu-debug|qemu-kcsan [BUILD_DIR [NAME]]
# Boot the kernel the KUnit stage of the same name built (with the config of
# tools/testing/selftests/dma-fence), or the one in BUILD_DIR, on a busybox
# initramfs with its modules, and run the kselftests of the tree through
# the kselftest runner (run_kselftest.sh), built and installed by the
# kselftest Makefiles:
#  - sync (sync_test, unmodified): sw_sync and sync_file from userspace;
#  - dma-fence:sync_storm_test: threads drive sw_sync and sync_file with
#    seeded random and hostile operations, checked against a model;
#    STORM_OPS operations per thread (UML 20000, qemu-debug 5000; make
#    stress runs 250000), at most STORM_SECONDS;
#  - dma-fence:fence_unload_test: load the issuer test module, take its
#    fences as sync_file fds, signal, unload, use the fds, 100 times;
#  - dma-fence:drm_unload_test: the same with real drivers: vkms out-fences
#    (page flips, writeback) and vgem fences exported from a dma-buf, held
#    across "rmmod"; on qemu (which gets a virtio-gpu device) virtio-gpu's
#    fences too, held across an unbind and "rmmod", signaled or pending
#    (the unbind must fail those with -ENODEV); on qemu nothing may skip;
# then a kmemleak scan on the debug kernel. First, tools/kselftest/
# sync_info_dump prints debugfs sync/info for a fixed sw_sync state
# ("sync-info:" lines), which tools/kselftest-base.sh compares with base.
# KSELFTEST_RUN replaces the runner's command line (tools/kselftest-base.sh
# runs one test per boot on base, where each crashes the kernel), and
# KSELFTEST_ARGS adds kernel arguments.
# Fails on a test failure or any splat in the kernel log.
# Writes "passed failed skipped" to build/results/NAME (kselftest-VARIANT).
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

variant=$1
bdir=${2:-build/kunit-$variant}
name=${3:-kselftest-$variant}
work=build/$name
res=build/results/$name
log=$work/console.log
tree=build/linux
mkdir -p build/results
rm -f "$res"
case $variant in
uml)		arch=um ;;
qemu-*)		arch=x86_64 ;;
*)		die "unknown variant $variant" ;;
esac
# The kernel is the KUnit stage's: build it (and run its suites) if needed.
if [ ! -f "$bdir/drivers/dma-buf/dma_fence_issuer_test.ko" ] &&
   [ "$bdir" = "build/kunit-$variant" ]; then
	say "no kernel in $bdir yet: running the kunit-$variant stage first"
	tools/kunit.sh "$variant" || true
fi
[ -f "$bdir/drivers/dma-buf/dma_fence_issuer_test.ko" ] ||
	die "no kernel with modules in $bdir"

rm -rf "$work" && mkdir -p "$work"/root/{bin,dev,proc,sys}
cp /bin/busybox "$work/root/bin/"
say "installing the modules and the kselftests"
make -s -C "$bdir" ARCH=$arch INSTALL_MOD_PATH="$PWD/$work/root" \
	INSTALL_MOD_STRIP=1 modules_install > /dev/null
# The tests are userspace x86_64 programs on UML too: x86 uapi headers.
hdr=$PWD/build/uapi
if [ ! -f "$hdr/include/linux/sync_file.h" ] ||
   [ -n "$(find "$tree/include/uapi" -newer "$hdr/include/linux/sync_file.h" -print -quit)" ]; then
	make -s -C "$tree" ARCH=x86 O="$hdr/build" INSTALL_HDR_PATH="$hdr" headers_install
fi
make -s -C "$tree/tools/testing/selftests" TARGETS="sync dma-fence" \
	O="$PWD/$work/ksft-build" KHDR_INCLUDES="-isystem $hdr/include" \
	LDFLAGS="-static -pthread" INSTALL_PATH="$PWD/$work/root/kselftest" \
	install > "$work/ksft-install.log" 2>&1 ||
	{ tail -20 "$work/ksft-install.log"; die "kselftest build failed"; }
gcc -static -O2 -Wall -o "$work/root/sync_info_dump" tools/kselftest/sync_info_dump.c
# The boot times out after 900 s (UML) or 1800 s (qemu), see tools/lib.sh.
[ "$variant" = uml ] && ops=20000 watchdog=840 || ops=5000 watchdog=1700
cat > "$work/root/test.env" <<ENV
export SYNC_STORM_OPS=${STORM_OPS:-$ops} SYNC_STORM_SECONDS=${STORM_SECONDS:-600}
export PATH=/bin:/sbin KSELFTEST_WATCHDOG=${KSELFTEST_WATCHDOG:-$watchdog}
ENV
run=${KSELFTEST_RUN:-/kselftest/run_kselftest.sh -t sync:sync_test -t dma-fence:sync_storm_test -t dma-fence:fence_unload_test -t dma-fence:drm_unload_test}
printf '%s\n' "$run" > "$work/root/test.cmd"
cat > "$work/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
for i in 0:stdin 1:stdout 2:stderr; do ln -s "/proc/self/fd/${i%:*}" "/dev/${i#*:}"; done
mount -t debugfs debugfs /sys/kernel/debug
ln -s /bin /sbin
. /test.env
# Before the boot times out: every task's stack (needs CONFIG_MAGIC_SYSRQ).
( sleep "$KSELFTEST_WATCHDOG" && echo "kselftest: watchdog after ${KSELFTEST_WATCHDOG}s" &&
  echo t > /proc/sysrq-trigger ) &
leaks=/sys/kernel/debug/kmemleak
[ -e $leaks ] && echo clear > $leaks
/sync_info_dump
sh -c "$(cat /test.cmd)"
echo "kselftest: runner exit $?"
if [ -e $leaks ]; then
	echo scan > $leaks && echo scan > $leaks	# a second scan reports
	cat $leaks
	echo "kselftest: kmemleak scan done"
fi
grep -q kselftest_reboot /proc/cmdline && reboot -f
halt -f
INIT
chmod +x "$work/root/init"
pack_initramfs "$work/root" "$work/initramfs.cpio.gz"

say "booting the $variant kernel with the kselftests"
set +e
# shellcheck disable=SC2086
case $variant in
uml)		boot "$bdir" uml "$work/initramfs.cpio.gz" "$log" ${KSELFTEST_ARGS:-} ;;
qemu-*)		QEMU_ARGS="${QEMU_ARGS:-} -device virtio-gpu-pci" \
			boot "$bdir" x86_64 "$work/initramfs.cpio.gz" "$log" kselftest_reboot \
			${KSELFTEST_ARGS:-} ;;
esac
rc=$?
set -e

# The runner's own lines are "ok N selftests: COLLECTION: TEST"; the
# tests' TAP lines are indented with "# ".
grep -E '^(not )?ok [0-9]+ selftests|^# (not )?ok |# .*(cycles|seed|operations|checks|PASSED|FAILED|Totals)|kselftest:' "$log" || true
oks=$(grep -c -E '^ok [0-9]+ selftests' "$log" || true)
failed=$(grep -c -E '^not ok [0-9]+ selftests' "$log" || true)
skipped=$(grep -c -E '^ok [0-9]+ selftests: .*# SKIP' "$log" || true)
passed=$((oks - skipped))
wanted=$(grep -o -- '-t [^ ]*' "$work/root/test.cmd" | wc -l)
if [ -z "${KSELFTEST_RUN:-}" ] && [ $((passed + failed + skipped)) -ne "$wanted" ]; then
	echo "FAIL: $((passed + failed + skipped)) of $wanted kselftests reported (timeout or crash; exit $rc); see $log"
	failed=$((failed + wanted - passed - failed - skipped))
fi
# On the qemu kernels everything is there: a skip is a failure, of a
# whole test or of one of its cases.
if [ "$arch" = x86_64 ] && grep -q -E '^(# )*ok [0-9]+ .*# SKIP' "$log"; then
	echo "FAIL: skipped on the qemu $variant kernel:"
	grep -E '^(# )*ok [0-9]+ .*# SKIP' "$log" | head
	failed=$((failed + 1))
fi
# The debug kernel has kmemleak: its scan must have run (and found nothing).
[ "$variant" != qemu-debug ] || grep -q 'kselftest: kmemleak scan done' "$log" ||
	{ echo "FAIL: no kmemleak scan"; failed=$((failed + 1)); }
kcsan=
[ "$variant" != qemu-kcsan ] || kcsan=1
if ! KCSAN=$kcsan NO_EXPECTED_WARNINGS=1 tools/scan-log.sh "$log"; then
	failed=$((failed + 1))
fi
echo "$passed $failed $skipped" > "$res"
say "kselftest $variant: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
