"""Naive baseline for PiMonteCarlo, in the style of the course notebook: mpi4py, each rank
draws its share of points with Python's random module, rank 0 sums the hits.
Usage: mpirun -np 2 python3 pi_mpi4py.py SAMPLES"""
import random
import sys

from mpi4py import MPI

comm = MPI.COMM_WORLD
rank, size = comm.Get_rank(), comm.Get_size()
n = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000_000
mine = n * (rank + 1) // size - n * rank // size
rng = random.Random(12345 + rank)
hits = 0
for _ in range(mine):
    x, y = rng.random(), rng.random()
    if x * x + y * y < 1.0:
        hits += 1
total = comm.reduce(hits, op=MPI.SUM, root=0)
if rank == 0:
    print(f"pi ~ {4 * total / n:.8f} from {n} samples")
