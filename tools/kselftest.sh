#!/bin/bash
# Usage: kselftest.sh uml|qemu-debug [BUILD_DIR [NAME]]
# Boot the kernel the KUnit stage of the same name built (with
# configs/unload.config), or the one in BUILD_DIR, on a busybox initramfs
# and run two kselftests of the tree, built static:
#  - tools/testing/selftests/sync (sync_test, unmodified): sw_sync and
#    sync_file from userspace;
#  - tools/testing/selftests/dma-fence (fence_unload_test): load the issuer
#    module, take its fences as sync_file fds, signal, unload, use the fds,
#    100 times;
#  - tools/testing/selftests/dma-fence (sync_storm_test): threads drive
#    sw_sync and sync_file with seeded random and hostile operations,
#    checked against a model; STORM_OPS operations per thread (UML 20000,
#    qemu-debug 5000; make stress runs 250000), at most STORM_SECONDS;
# then a kmemleak scan on the debug kernel. First, tools/kselftest/
# sync_info_dump prints debugfs sync/info for a fixed sw_sync state
# ("sync-info:" lines), which tools/kselftest-base.sh compares with base. Fails on a test failure or any
# splat in the kernel log.
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
tests=build/linux/tools/testing/selftests
mkdir -p build/results
rm -f "$res"
ko=$bdir/drivers/dma-buf/dma_fence_issuer_test.ko
[ -f "$ko" ] || die "no $ko: run 'make kunit-$variant' first"

rm -rf "$work" && mkdir -p "$work"/root/{bin,dev,proc,sys} "$work/sync"
cp /bin/busybox "$work/root/bin/"
cp "$ko" "$work/root/"
make -s -C "$tests/sync" OUTPUT="$PWD/$work/sync" LDFLAGS="-static -pthread"
cp "$work/sync/sync_test" "$work/root/"
gcc -static -O2 -Wall -pthread -I "$tests" -o "$work/root/fence_unload_test" \
	"$tests/dma-fence/fence_unload_test.c"
gcc -static -O2 -Wall -o "$work/root/sync_info_dump" tools/kselftest/sync_info_dump.c
storm=$tests/dma-fence/sync_storm_test.c
if [ -f "$storm" ]; then	# from the patch of the series that adds it
	gcc -static -O2 -Wall -pthread -I "$tests" -o "$work/root/sync_storm_test" "$storm"
	[ "$variant" = uml ] && ops=20000 || ops=5000
	printf 'export SYNC_STORM_OPS=%s SYNC_STORM_SECONDS=%s\n' \
		"${STORM_OPS:-$ops}" "${STORM_SECONDS:-600}" > "$work/root/storm.env"
fi
cat > "$work/root/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t debugfs debugfs /sys/kernel/debug
leaks=/sys/kernel/debug/kmemleak
[ -e $leaks ] && echo clear > $leaks
/sync_info_dump
/sync_test
echo "kselftest: sync_test exit $?"
if [ -e /sync_storm_test ]; then
	. /storm.env
	/sync_storm_test
	echo "kselftest: sync_storm_test exit $?"
fi
/fence_unload_test
echo "kselftest: fence_unload_test exit $?"
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
case $variant in
uml)		boot "$bdir" uml "$work/initramfs.cpio.gz" "$log" ;;
qemu-debug)	boot "$bdir" x86_64 "$work/initramfs.cpio.gz" "$log" kselftest_reboot ;;
*)		die "unknown variant $variant" ;;
esac
rc=$?
set -e

grep -E '^(ok|not ok) |# .*(cycles|seed|operations|checks|PASSED|FAILED|Totals)|kselftest:' "$log" || true
passed=$(grep -c -E '^ok [0-9]+ ' "$log" || true)
failed=$(grep -c -E '^not ok [0-9]+ ' "$log" || true)
checks="sync_test fence_unload_test"
[ ! -f "$storm" ] || checks="sync_test sync_storm_test fence_unload_test"
for t in $checks; do
	grep -q "kselftest: $t exit 0" "$log" ||
		{ echo "FAIL: $t did not pass (failure, timeout or crash; exit $rc); see $log"; failed=$((failed + 1)); }
done
# The debug kernel has kmemleak: its scan must have run (and found nothing).
[ "$variant" != qemu-debug ] || grep -q 'kselftest: kmemleak scan done' "$log" ||
	{ echo "FAIL: no kmemleak scan"; failed=$((failed + 1)); }
if ! NO_EXPECTED_WARNINGS=1 tools/scan-log.sh "$log"; then
	failed=$((failed + 1))
fi
echo "$passed $failed 0" > "$res"
say "kselftest $variant: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
