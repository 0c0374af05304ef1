# The README's two commands are `make demo` and `make test`; `make check` runs everything
# (format, lint, types, tests) before a commit. Each target installs what is missing first.
.PHONY: check format lint types test demo bootstrap

bootstrap:
	@scripts/bootstrap

check: bootstrap format lint types test

format: bootstrap
	uv run ruff format --check .

lint: bootstrap
	uv run ruff check .

types: bootstrap
	uv run mypy

test: bootstrap
	# One process per core (pytest-xdist); each has its own test database and data directory.
	uv run pytest -q -n auto

demo: bootstrap
	# Build the demo district (two years of disclosure work, reports computed and published) into
	# var/demo, check its reports, and serve it on http://127.0.0.1:8000 with a background worker.
	uv run gongkai demo
