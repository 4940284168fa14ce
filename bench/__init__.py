"""``make bench``: load-test the content API against Wagtail's API v2 and a constant-bytes
view on a seeded PostgreSQL (see README.md, "Benchmark"). Not part of the test suite; its
seeding, wrk parsing and reporting are tested on a tiny data set in tests/bench/."""
