#!/usr/bin/env bash
# Linters: ruff and the pylint-odoo mandatory checks, from the project.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
say "ruff"
"$PYTHON" -m ruff check addons tests bench scripts
"$PYTHON" -m ruff format --check addons tests bench scripts
say "pylint-odoo (mandatory checks)"
mapfile -t modules < <(ls -d addons/*/ tests/*/ | sed 's:/$::')
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory "${modules[@]}"
echo "lint: ok"
