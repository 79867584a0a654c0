#!/usr/bin/env bash
# Linters: ruff and the pylint-odoo mandatory checks, from the project.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
paths=()
for dir in addons tests bench scripts; do [ -d "$dir" ] && paths+=("$dir"); done
say "ruff"
"$PYTHON" -m ruff check "${paths[@]}"
"$PYTHON" -m ruff format --check "${paths[@]}"
say "pylint-odoo (mandatory checks)"
mapfile -t modules < <(ls -d addons/*/ tests/*/ | sed 's:/$::')
"$PYTHON" -m pylint --rcfile=.pylintrc-mandatory "${modules[@]}"
echo "lint: ok"
