#!/bin/bash
# Make build/linux: the pinned Debian 6.12 base as a reproducible commit tagged
# "base", with the series in patches/ applied on top as git commits.
#
# Re-running is cheap: when the tree already carries exactly patches/, nothing
# happens.  It refuses to touch a tree with uncommitted or unexported work.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux

# The state the tree was last synced with patches/ (by this script or by
# export.sh): HEAD and a checksum of the patch files.
state() {
	echo "$(git -C "$TREE" rev-parse HEAD) $(patches_sum)"
}

apply_series() {
	local p n=0
	for p in patches/[0-9]*.patch; do
		[ -e "$p" ] || continue
		grep -q '^diff --git' "$p" || continue	# the cover letter
		git -C "$TREE" am -q --committer-date-is-author-date "$PWD/$p" ||
			die "$p does not apply; the tree is left in 'git am' state"
		n=$((n + 1))
	done
	state > "$TREE/.git/series-synced"
	say "applied $n patches on base $(git -C "$TREE" rev-parse --short base)"
}

if [ -d "$TREE/.git" ]; then
	[ -z "$(git -C "$TREE" status --porcelain)" ] ||
		die "$TREE has uncommitted changes; commit (or stash) them first:
$(git -C "$TREE" status --short | head -10)"
	synced=$(cat "$TREE/.git/series-synced" 2>/dev/null || true)
	if [ "$(state)" = "$synced" ]; then
		say "$TREE is up to date with patches/"
		exit 0
	fi
	[ "$(git -C "$TREE" rev-parse HEAD)" = "${synced%% *}" ] ||
		die "$TREE has commits that are not in patches/: run 'make export' to keep them, or
'git -C $TREE reset --hard base' to drop them, then run this again"
	say "patches/ changed: re-applying the series on base"
	git -C "$TREE" reset -q --hard base
	apply_series
	exit 0
fi

want=6.12.117-1~deb12u1
have=$(dpkg-query -W -f='${Version}' linux-source-6.12)
if [ "$have" != "$want" ]; then
	for i in 1 2 3; do
		echo "!!! WARNING: base is linux-source-6.12 $have, NOT the pinned $want !!!" >&2
	done
fi

rm -rf "$TREE.tmp"
say "extracting $BASE_TARBALL"
unpack_base "$TREE.tmp"

say "committing the base (takes ~30 s)"
export GIT_AUTHOR_NAME="Debian linux-source-6.12" GIT_AUTHOR_EMAIL="base@invalid"
export GIT_COMMITTER_NAME="$GIT_AUTHOR_NAME" GIT_COMMITTER_EMAIL="$GIT_AUTHOR_EMAIL"
export GIT_AUTHOR_DATE="2025-11-14T12:56:00Z" GIT_COMMITTER_DATE="2025-11-14T12:56:00Z"
git -C "$TREE.tmp" init -q -b master
git -C "$TREE.tmp" config gc.auto 0
git -C "$TREE.tmp" config core.autocrlf false
git -C "$TREE.tmp" check-ignore -q drivers/dma-buf/new-file.c &&
	die "base .gitignore still ignores new source files"
# -f: the tarball holds only sources, and the kernel's .gitignore would
# leave out some of them (every .kunitconfig, for one).
git -C "$TREE.tmp" add -A -f
git -C "$TREE.tmp" commit -q -m "Linux 6.12.117 (Debian linux-source-6.12 $have)"
git -C "$TREE.tmp" tag base
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
unset GIT_AUTHOR_DATE GIT_COMMITTER_DATE
git -C "$TREE.tmp" config user.name "dma-fence series"
git -C "$TREE.tmp" config user.email "dma-fence@invalid"
mv "$TREE.tmp" "$TREE"
say "base commit $(git -C "$TREE" rev-parse base)"
apply_series
