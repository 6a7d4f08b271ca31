"""Figures the benchmarks report."""


def percentile(values, fraction):
    """The value at `fraction` (0.95: p95) of the sorted values, nearest rank rounded."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]
