#!/bin/bash
# Usage: quilt.sh
# The series as a Debian kernel team carries patches: build/quilt/ holds
# debian/patches/features/all/dma-fence/*.patch (the files of patches/,
# cover letter left out) and debian/patches/series naming them in order.
# Then the check: quilt pushes the whole series onto a fresh unpacking of
# the pinned base tarball, and the result must be the very tree "make tree"
# makes with "git am" (same git tree object, modes included).
# Writes "passed failed 0" to build/results/quilt.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

out=build/quilt
topic=features/all/dma-fence
res=build/results/quilt
mkdir -p build/results
rm -f "$res"
command -v quilt > /dev/null || die "quilt is missing: run tools/deps.sh"
[ -d build/linux/.git ] || die "no build/linux: run 'make tree' first"
want=$(git -C build/linux rev-parse 'HEAD^{tree}')
if [ "$(git -C build/linux rev-parse HEAD)" != "$(cut -d' ' -f1 build/linux/.git/series-synced)" ] ||
   [ -n "$(git -C build/linux status --porcelain --untracked-files=no)" ]; then
	die "build/linux is not patches/ (uncommitted or unexported work): make export, or make tree"
fi

rm -rf "$out"
mkdir -p "$out/debian/patches/$topic"
n=0
for p in patches/[0-9]*.patch; do
	grep -q '^diff --git' "$p" || continue	# the cover letter
	cp "$p" "$out/debian/patches/$topic/"
	echo "$topic/${p#patches/}" >> "$out/debian/patches/series"
	n=$((n + 1))
done
say "build/quilt/debian/patches: $n patches under $topic/, and series"

say "unpacking the base and pushing the series with quilt"
unpack_base "$out/linux"	# as tree.sh does, .gitignore edit included
if ! (cd "$out/linux" &&
      QUILT_PATCHES=../debian/patches \
      quilt push -a -q --fuzz=0) > "$out/push.log" 2>&1; then
	tail -20 "$out/push.log"
	echo "FAIL: quilt push -a does not apply the series; see $out/push.log"
	echo "0 1 0" > "$res"
	exit 1
fi
applied=$(cd "$out/linux" && QUILT_PATCHES=../debian/patches quilt applied | wc -l)
rm -rf "$out/linux/.pc"	# quilt's own state, not part of the tree

# The pushed tree as git sees it, in a throw-away index.
export GIT_DIR=$PWD/$out/git GIT_WORK_TREE=$PWD/$out/linux
git init -q
git add -A -f
got=$(git write-tree)
unset GIT_DIR GIT_WORK_TREE
if [ "$applied" -ne "$n" ] || [ "$got" != "$want" ]; then
	echo "FAIL: quilt applied $applied of $n patches; tree $got, make tree has $want"
	diff <(git -C build/linux ls-tree -r "$want") <(GIT_DIR=$out/git git ls-tree -r "$got") |
		head -10 || true
	echo "0 1 0" > "$res"
	exit 1
fi
rm -rf "$out/linux" "$out/git"
say "quilt push -a: $applied patches applied, tree $got = build/linux HEAD"
echo "1 0 0" > "$res"
