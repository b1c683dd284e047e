#!/bin/bash
# Export the commits of build/linux on top of the "base" tag to patches/:
# the cover letter (0000-cover-letter.patch, written from cover-letter.txt
# with the shortlog and diffstat of the series) and one file per commit.
# The output depends only on the commits, so re-exporting an unchanged tree
# leaves the project without a diff.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
# The version of the posting: bump it when the series changes for a new
# posting, and say what changed in the cover letter's changelog.
version=2
[ -d "$TREE/.git" ] || die "no $TREE: run 'make tree' first"
[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes: commit them first"
untracked=$(git -C "$TREE" ls-files --others --exclude-standard | head -5)
[ -z "$untracked" ] || die "$TREE has new files not committed (add them or delete them):
$untracked"

n=$(git -C "$TREE" rev-list --count base..HEAD)
rm -f patches/*.patch
mkdir -p patches
git -C "$TREE" format-patch -q --zero-commit --no-signature --numbered \
	--subject-prefix="PATCH v$version" \
	-o "$PWD/patches" base..HEAD

# The cover letter: subject is the first line of cover-letter.txt, body the rest.
head=$(git -C "$TREE" log -1 --format='%an <%ae>%n%aD' HEAD)
{
	echo "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001"
	echo "From: ${head%%$'\n'*}"
	echo "Date: ${head#*$'\n'}"
	echo "Subject: [PATCH v$version 0/$n] $(head -1 cover-letter.txt)"
	echo
	tail -n +3 cover-letter.txt
	echo
	git -C "$TREE" shortlog base..HEAD
	echo
	git -C "$TREE" diff --stat=72 --summary base..HEAD
	echo
	echo "base-commit: $(git -C "$TREE" rev-parse base)"
} > patches/0000-cover-letter.patch

echo "$(git -C "$TREE" rev-parse HEAD) $(patches_sum)" > "$TREE/.git/series-synced"
say "exported $n patches to patches/"
git status --short patches/ | head -20 || true
