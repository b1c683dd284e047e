#!/bin/bash
# Usage: stages.sh STAGE...
# Run each stage as "make STAGE", keep going when one fails, print how long
# each took and its counts, the totals of the tests (KUnit cases,
# kselftests) and of the other checks (gate checks per patch, compiled
# objects, benchmark rounds, Coccinelle reports, the quilt check) apart,
# and end with the line "N passed, N failed" of the tests and checks
# together.
# A stage reports its counts in build/results/STAGE ("passed failed skipped");
# a stage that fails without writing it counts as one failure.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p build/results
rows=() tp=0 tf=0 ts=0 cp=0 cf=0 rc=0
for s in "$@"; do
	echo
	echo "======== $s ========"
	rm -f "build/results/$s"
	start=$(date +%s)
	make --no-print-directory "$s"
	st=$?
	secs=$(( $(date +%s) - start ))
	{ read -r p f k < "build/results/$s"; } 2>/dev/null || { p=0 f=0 k=0; }
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
	[ "$f" -eq 0 ] || rc=1
	case $s in
	gates|treewide|cocci|quilt|bench*)	cp=$((cp + p)) cf=$((cf + f)) ;;
	*)				tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + k)) ;;
	esac
	rows+=("$(printf '%-16s %5ss  %4s passed %3s failed %3s skipped  %s' \
		"$s" "$secs" "$p" "$f" "$k" "$([ "$f" -eq 0 ] && echo ok || echo FAILED)")")
done
echo
echo "======== summary ========"
printf '%s\n' "${rows[@]}"
echo "tests:  $tp passed, $tf failed, $ts skipped"
echo "checks: $cp passed, $cf failed"
echo "$((tp + cp)) passed, $((tf + cf)) failed"
exit $rc
