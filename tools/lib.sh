# Shared helpers for the scripts in tools/ (sourced, not run).
say() { printf '== %s\n' "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }
patches_sum() { cat patches/*.patch 2>/dev/null | sha256sum | cut -c1-16; }
# ccache: build/gates/linux with build/gates/X mirrors build/linux with
# build/X, so with paths taken relative to build/ the bisect and sparse
# builds of the gates hit the cache filled by the KUnit and tree-wide builds.
export CCACHE_BASEDIR=${CCACHE_BASEDIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build}
export CCACHE_NOHASHDIR=1
# pack_initramfs ROOT OUT: a gzipped cpio of the directory ROOT.
pack_initramfs() { (cd "$1" && find . | cpio -o -H newc --quiet | gzip) > "$2"; }
# boot KERNEL_BUILD_DIR uml|x86_64 INITRAMFS LOG [KERNEL_ARGS...]: boot the
# kernel on the initramfs (rdinit=/init), console to LOG; qemu runs -smp 2
# (plus $QEMU_ARGS) and exits when /init reboots. Returns the exit status
# of the boot.
boot() {
	local kdir=$1 arch=$2 initrd=$3 log=$4
	shift 4
	if [ "$arch" = uml ]; then
		timeout 900 "$kdir/linux" mem=1G console=tty kunit.enable=0 \
			initrd="$initrd" rdinit=/init "$@" </dev/null > "$log" 2>&1
	else
		# shellcheck disable=SC2086
		timeout 1800 qemu-system-x86_64 -nographic -no-reboot -m 1G -smp 2 \
			${QEMU_ARGS:-} -bios qboot.rom -kernel "$kdir/arch/x86/boot/bzImage" \
			-initrd "$initrd" \
			-append "console=ttyS0 kunit.enable=0 rdinit=/init $*" \
			</dev/null > "$log" 2>&1
	fi
}
# The pinned base: Debian's linux-source-6.12 tarball.
BASE_TARBALL=/usr/src/linux-source-6.12.tar.xz
# unpack_base DIR: the base tarball's tree into DIR (created). Debian's
# tarball ignores its whole top level in .gitignore ("/*" then "!/debian/"):
# that stanza is dropped, or new files would never reach a commit.
unpack_base() {
	[ -r "$BASE_TARBALL" ] || die "$BASE_TARBALL missing: run tools/deps.sh"
	mkdir -p "$1"
	tar -xJf "$BASE_TARBALL" -C "$1" --strip-components=1
	sed -i '/^# Debian packaging/,$d' "$1/.gitignore"
}
# allmod_objs TREE: the .c paths on stdin as x86_64 allmodconfig make
# targets. A file another .c #includes (i915's selftests) is built through
# that file; amdgpu builds the other amd/ directories as ../X/file.o from
# its own Makefile.
allmod_objs() {
	local f inc
	while read -r f; do
		inc=$(git -C "$1" grep -l -E "#include \"([a-z0-9_/.]*/)?$(basename "$f")\"" \
			-- "$(dirname "$(dirname "$f")")/*.c" | grep -v -x -F "$f" | head -1)
		[ -z "$inc" ] || f=$inc
		case $f in
		drivers/gpu/drm/amd/amdgpu/*) ;;
		drivers/gpu/drm/amd/*) f=drivers/gpu/drm/amd/amdgpu/../${f#drivers/gpu/drm/amd/} ;;
		esac
		echo "${f%.c}.o"
	done | sort -u
}
# allmod_config TREE O: x86_64 allmodconfig of TREE in the build directory
# O (absolute, or relative to the caller), prepared for compiling objects.
allmod_config() {
	local o
	o=$(realpath -m "$2")	# make -C would take a relative O= from TREE
	mkdir -p "$o"
	make -s -C "$1" O="$o" ARCH=x86_64 allmodconfig	# Kconfig may differ
	make -s -C "$1" O="$o" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" prepare
}
# allmod_compile TREE O OBJ...: x86_64 allmodconfig (so -Werror) in O, then
# compile just OBJ... of TREE; with ALLMOD_CONFIGURED=1 the caller has made
# that configuration in O already (allmod_config: 10 s of each call). An object that is not there afterwards failed
# when the log names its file, else allmodconfig does not build it. Prints
# "FAIL: file" and the error per failure; sets ALLMOD_PASSED, ALLMOD_FAILED
# and ALLMOD_SKIPPED; returns 1 when one failed.
allmod_compile() {
	local tree=$1 o obj src rc
	o=$(realpath -m "$2")
	shift 2
	ALLMOD_PASSED=0 ALLMOD_FAILED=0 ALLMOD_SKIPPED=0
	[ "${ALLMOD_CONFIGURED:-0}" = 1 ] || allmod_config "$tree" "$o"
	(cd "$o" && rm -f "$@")
	rc=0
	make -s -k -C "$tree" O="$o" ARCH=x86_64 CC="ccache gcc" -j"$(nproc)" "$@" \
		> "$o/build.log" 2>&1 || rc=$?
	for obj in "$@"; do
		src=$(realpath -m --relative-to=. "${obj%.o}.c")
		if [ -f "$o/$obj" ]; then
			ALLMOD_PASSED=$((ALLMOD_PASSED + 1))
		elif grep -q -F "$src:" "$o/build.log"; then
			ALLMOD_FAILED=$((ALLMOD_FAILED + 1))
			echo "FAIL: $src"
			grep -F -A3 "$src:" "$o/build.log" | head -20 | sed 's/^/    /'
		else
			ALLMOD_SKIPPED=$((ALLMOD_SKIPPED + 1))
		fi
	done
	if [ "$rc" -ne 0 ] && [ "$ALLMOD_FAILED" -eq 0 ]; then
		echo "FAIL: make exited $rc:"
		grep -E 'error|Error' "$o/build.log" | head -20 | sed 's/^/    /'
		ALLMOD_FAILED=1
	fi
	[ "$ALLMOD_FAILED" -eq 0 ]
}
# base_with_tests WT: WT, a worktree of build/linux (added if missing), at
# tag "base" with the series' fence issuer test module and dma-fence
# kselftests, plus tools/kselftest-base.patch (their Kconfig and Makefile
# lines, and what base lacks): the unpatched kernel the kselftests run on
# to show that they fail there.
base_with_tests() {
	local wt=$1 series
	series=$(git -C build/linux rev-parse HEAD)
	[ -d "$wt" ] || git -C build/linux worktree add -q --detach "$wt" base
	git -C "$wt" checkout -q -f --detach base
	git -C "$wt" clean -q -fdx -- drivers/dma-buf drivers/gpu/drm/virtio \
		tools/testing/selftests/dma-fence
	git -C "$wt" checkout -q "$series" -- drivers/dma-buf/dma-fence-issuer-test.c \
		tools/testing/selftests/dma-fence
	git -C "$wt" apply "$PWD/tools/kselftest-base.patch"
}
