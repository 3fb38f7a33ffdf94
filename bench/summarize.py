"""Summarise bench runs: median, min and max per (case, program), ratio ours / reference."""
import csv
import statistics
import sys
from collections import defaultdict

runs = defaultdict(list)
with open(sys.argv[1]) as f:
    for row in csv.DictReader(f):
        runs[(row["case"], row["program"], row["np"], row["size"])].append(float(row["wall_seconds"]))

print("| case | program | np | size | runs | median s | min s | max s | ratio vs reference |")
print("|---|---|---|---|---|---|---|---|---|")
for (case, prog, np, size), walls in sorted(runs.items()):
    med = statistics.median(walls)
    ref = [v for (c, p, n, s), v in runs.items() if c == case and n == np and s == size and p != "mpj-numerics"]
    ratio = ""
    if prog == "mpj-numerics" and ref:
        ratio = f"{med / statistics.median(ref[0]):.2f}x"
    print(f"| {case} | {prog} | {np} | {size} | {len(walls)} | {med:.3f} | {min(walls):.3f} | {max(walls):.3f} | {ratio} |")
