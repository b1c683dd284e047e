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
# and exits when /init reboots. Returns the exit status of the boot.
boot() {
	local kdir=$1 arch=$2 initrd=$3 log=$4
	shift 4
	if [ "$arch" = uml ]; then
		timeout 900 "$kdir/linux" mem=1G console=tty kunit.enable=0 \
			initrd="$initrd" rdinit=/init "$@" </dev/null > "$log" 2>&1
	else
		timeout 1800 qemu-system-x86_64 -nographic -no-reboot -m 1G -smp 2 \
			-bios qboot.rom -kernel "$kdir/arch/x86/boot/bzImage" \
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
