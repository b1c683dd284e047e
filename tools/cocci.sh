#!/bin/bash
# Run the series' Coccinelle semantic patches over build/linux in report mode
# and print what remains in the tree. Sites under the directories the series
# converted must be zero. Writes "passed failed 0" to build/results/cocci.
set -euo pipefail
cd "$(dirname "$0")/.."
. tools/lib.sh

TREE=build/linux
res=build/results/cocci
mkdir -p build/results
rm -f "$res"

# semantic patch | the identifier a file must contain to be worth parsing |
# directories that must stay clean
checks="dma_fence_signal_error.cocci|dma_fence_set_error|drivers/dma-buf drivers/gpu/drm/scheduler"

passed=0 failed=0
while IFS='|' read -r cocci ident clean; do
	sp=scripts/coccinelle/api/$cocci
	files=$(git -C "$TREE" grep -l -w "$ident" -- '*.c' '*.h' | grep -v -E '^(tools|Documentation)/' || true)
	(cd "$TREE" && spatch --very-quiet -D report --no-includes --include-headers \
		-j "$(nproc)" --sp-file "$sp" $files) > build/cocci.out 2>&1 ||
		{ cat build/cocci.out; die "spatch failed on $sp"; }
	sites=$(grep -E '^[a-z].*:[0-9]+:[0-9]+-[0-9]+: ' build/cocci.out || true)
	total=$(printf '%s' "$sites" | grep -c . || true)
	say "$cocci: $total site(s) remain in the tree"
	printf '%s\n' "$sites" | sed '/^$/d; s/^/    /'
	must=""
	for d in $clean; do
		must="$must$(printf '%s\n' "$sites" | grep "^$d/" || true)"
	done
	if [ -n "$must" ]; then
		failed=$((failed + 1))
		echo "FAIL: $cocci finds sites in $clean, which must have none"
	else
		passed=$((passed + 1))
	fi
done <<< "$checks"
echo "$passed $failed 0" > "$res"
[ "$failed" -eq 0 ]
