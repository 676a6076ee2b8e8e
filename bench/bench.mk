### benchmarks (make bench)
