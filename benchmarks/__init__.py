"""marsad benchmarks: `make bench` runs them and rewrites benchmarks/RESULTS.md."""
