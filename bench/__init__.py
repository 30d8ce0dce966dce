"""Load benchmark of the public site (see bench/run and the README)."""
