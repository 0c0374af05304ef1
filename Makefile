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
	uv run gongkai report check examples/ouhai-2020.json; \
	  status=$$?; [ $$status -le 1 ] || exit $$status
	uv run gongkai report render examples/ouhai-2020.json --to html -o out/ouhai-2020.html
	uv run gongkai report render examples/ouhai-2020.json --to pdf -o out/ouhai-2020.pdf
	uv run gongkai report render examples/ouhai-2020.json --to docx -o out/ouhai-2020.docx
	uv run gongkai report render examples/ouhai-2020.json --to xlsx -o out/ouhai-2020.xlsx
	@echo "Rendered out/ouhai-2020.{html,pdf,docx,xlsx}"
