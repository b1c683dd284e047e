# dma-fence core rework: a patch series on Debian's linux-source-6.12.
#
#   make          install what is missing, make build/linux (base + series),
#                 build a UML kernel and run the dma-buf KUnit suites
#   make test     everything CI checks (the stages below), with a summary
#   make export   write the commits of build/linux back to patches/
#
# Each step is a script in tools/; build output goes to build/ (git-ignored).

TEST_STAGES := kunit-uml kselftest-uml kunit-uml-debug kunit-uml-trace kunit-signalling \
	       kunit-qemu-debug kselftest-qemu-debug faults-qemu-debug \
	       kselftest-base bench-smoke gates treewide cocci quilt

.PHONY: all deps tree export test $(TEST_STAGES) bench stress drm-suites virtio-base kcsan \
	sizes clean

# Every stage runs alone: it builds the kernels it needs itself, and makes
# build/linux first when there is none (it does not re-apply patches/ onto
# an existing tree: that is "make tree", which "make test" runs first).
$(TEST_STAGES) stress: | build/linux/.git
build/linux/.git:
	$(MAKE) tree

all: deps tree kunit-uml

deps:				# Debian packages, pinned linux-source-6.12
	tools/deps.sh

tree: deps			# build/linux = tag "base" + patches/*.patch
	tools/tree.sh

export:				# build/linux commits -> patches/
	tools/export.sh

test:				# all of CI, timed per stage; ends with "N passed, N failed"
	tools/stages.sh deps tree $(TEST_STAGES)

kunit-uml:			# KUnit on UML, plain config (the fast loop)
	tools/kunit.sh uml

kunit-uml-debug:		# KUnit on UML with lockdep, KASAN, kmemleak, ...
	tools/kunit.sh uml-debug

kunit-uml-trace:		# the same kernel, every dma_fence trace event on
	tools/kunit.sh uml-trace

kunit-signalling:		# lockdep must report each broken signalling rule:
	tools/signalling.sh	# UML debug kernel, one boot per negative case

kunit-qemu-debug:		# KUnit on x86_64 qemu -smp 2, debug config
	tools/kunit.sh qemu-debug

kselftest-uml:			# kselftests sync and dma-fence (module unload)
	tools/kselftest.sh uml	# on the kernel kunit-uml built

kselftest-qemu-debug:		# the same on the kernel kunit-qemu-debug built:
	tools/kselftest.sh qemu-debug	# qemu -smp 2, KASAN, lockdep, kmemleak

faults-qemu-debug:		# allocation failures injected into the dma-buf code
	tools/faults.sh		# under KUnit and the storm, on the same kernel

stress:				# the kselftests with the long storm (10^6 operations)
	STORM_OPS=250000 STORM_SECONDS=3000 \
		tools/kselftest.sh qemu-debug build/kunit-qemu-debug stress

kselftest-base:			# on the unpatched base: sync passes, unload crashes
	tools/kselftest-base.sh

bench-smoke:			# one short benchmark round, base and series kernels
	tools/bench.sh smoke	# of kunit-uml and kselftest-base, so it cannot rot

bench: tree			# the benchmark, base against series, 11 rounds on UML
	tools/bench.sh uml	# and 5 on qemu -smp 2, timed, and on qemu with
	tools/bench.sh qemu	# -icount (instructions per operation): tables,
	tools/bench.sh qemu-icount	# CSVs, PNGs in build/bench/MODE/

gates:				# per patch: checkpatch, kernel-doc, builds+passes; sparse
	tools/gates.sh

treewide:			# x86_64 allmodconfig build of every API user
	tools/treewide.sh

cocci:				# Coccinelle checks of the series, remaining sites
	tools/cocci.sh

quilt:				# build/quilt: the series in Debian's debian/patches
	tools/quilt.sh		# layout; quilt push -a on the tarball = make tree

drm-suites: | build/linux/.git	# the drm core's and TTM's KUnit suites (and on
	tools/drm-suites.sh uml	# qemu -smp 2 i915's mock selftests), debug config,
	tools/drm-suites.sh qemu	# series against base (not in make test: 4 kernels)

virtio-base: | build/linux/.git	# drm_unload_test's virtio-gpu cases on the
	tools/virtio-base.sh	# base + the hold-kicks knob, qemu: each must fail
				# (not in make test: a kernel of its own)

kcsan: | build/linux/.git	# the data-race run: KCSAN on qemu -smp 2, the KUnit
	tools/kunit.sh qemu-kcsan	# suites, then the storm and the real-driver
	tools/kselftest.sh qemu-kcsan	# kselftests (not in make test: a kernel of its own)

sizes: tree			# struct sizes, base vs series: x86_64 defconfig
	tools/sizes.sh		# and with DEBUG_SPINLOCK, lockdep, PREEMPT_RT

clean:				# build output (keeps build/linux)
	rm -rf build/kunit-* build/kselftest-* build/faults-* build/gates build/allmod build/results \
		build/sizes build/bench build/quilt build/drm-suites build/virtio-base
	-git -C build/linux worktree prune
