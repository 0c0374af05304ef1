# The README's two commands are `make demo` and `make test`; `make check` runs everything
# (format, lint, types, tests) before a commit. Each target installs what is missing first.
.PHONY: check format lint types test demo bootstrap

# Keep our own modules' bytecode between processes (the tests start a process per worker and
# per command they run; bootstrap compiles the installed packages), whatever the machine says.
unexport PYTHONDONTWRITEBYTECODE

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
	# worksteal: a worker that runs out takes tests queued on the other (the demo's long tests).
	uv run pytest -q -n auto --dist worksteal

demo: bootstrap
	# Build the demo district (two years of disclosure work, reports computed and published) into
	# var/demo, check its reports, and serve it on http://127.0.0.1:8000 with a background worker.
	uv run gongkai demo
