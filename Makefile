# DON for Odoo: the two commands. See README.md.
.PHONY: run test lint bench wheels clean help

help:
	@echo "make run    - install/upgrade the demo database 'don_demo' and start Odoo on http://localhost:8069"
	@echo "make test   - fresh test database, all tests (browser tours included), linters"
	@echo "make lint   - ruff and pylint-odoo mandatory checks only"
	@echo "make bench  - performance benchmark (bench/README.md)"
	@echo "make wheels - one wheel per addon (odoo-addon-don_*) into dist/"

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

lint:
	@bash scripts/lint.sh

bench:
	@bash scripts/bench.sh

wheels:
	@bash scripts/wheels.sh

clean:
	rm -rf .build dist
