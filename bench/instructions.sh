#!/bin/sh
# Instructions per input row of `cbkpi evaluate`, counted by valgrind's callgrind: a figure that
# does not move with the load of the machine, unlike wall time. Usage (or `make bench-instructions`):
#
#     bench/instructions.sh CBKPI GEN [ROWS]
#
# Generates ROWS questionnaires (default 2,000,000) with the benchmark's generator and seed into
# bench/data/ROWS/ unless they are there, runs `cbkpi evaluate --threads 1` under callgrind (all
# threads are counted; valgrind hides the SHA extensions, so SHA-256 runs its portable code) and
# prints the total and the instructions per row.
set -eu
cbkpi=$1
gen=$2
rows=${3:-2000000}
data=bench/data/$rows
if [ ! -f "$data/evaluations.csv" ]; then
    mkdir -p "$data"
    "$gen" "$rows" 20260331 "$data"
fi
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.out" \
    "$cbkpi" evaluate --threads 1 --workshops "$data/workshops.csv" \
    --evaluations "$data/evaluations.csv" -o "$out/evaluation.xlsx" --as-of 2026-06-30 \
    >/dev/null 2>"$out/log" || { tail -5 "$out/log"; exit 1; }
total=$(sed -n 's/^summary: *//p' "$out/callgrind.out")
echo "cbkpi evaluate, $rows rows: $total instructions, $((total / rows)) per row"
