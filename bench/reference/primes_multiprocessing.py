"""Naive baseline for PrimeCount, in the style of the course notebook: trial division over a
multiprocessing pool, numbers dealt to processes round-robin, counts summed.
Usage: python3 primes_multiprocessing.py N PROCESSES"""
import multiprocessing as mp
import sys


def count_primes(args):
    start, step, n = args
    count = 0
    for number in range(start, n + 1, step):
        if number < 2:
            continue
        prime = True
        factor = 2
        while factor * factor <= number:
            if number % factor == 0:
                prime = False
                break
            factor += 1
        count += prime
    return count


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    m = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    with mp.Pool(processes=m) as pool:
        total = sum(pool.map(count_primes, [(i, m, n) for i in range(m)]))
    print(f"{total} primes up to {n}")
