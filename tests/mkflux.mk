### tests/mkflux: the reference-installation generator (test-only)
