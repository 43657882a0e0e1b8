"""The demo district (示范区) and the synthetic scale organisation for benchmarks."""
