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
	uv run pytest -q

demo: bootstrap
	mkdir -p out
	# Read a published report (plain text copied from the agency's page) into checked data,
	uv run gongkai report read examples/ouhai-2020-published.txt -o out/ouhai-2020.json
	uv run gongkai report check out/ouhai-2020.json; status=$$?; [ $$status -le 1 ] || exit $$status
	# then render it in every official output format.
	for to in html md docx xlsx pdf; do \
	  uv run gongkai report render out/ouhai-2020.json --to $$to -o out/ouhai-2020.$$to || exit 1; \
	done
	@echo "Read examples/ouhai-2020-published.txt -> out/ouhai-2020.json and rendered out/ouhai-2020.{html,md,docx,xlsx,pdf}"
