# `make bench` runs every benchmark and writes Benchmarks/RESULTS.md (see README, Benchmarks).
.PHONY: bench
bench:
	scripts/bench
