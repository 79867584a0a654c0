#!/usr/bin/env bash
# `make wheels`: one wheel per DON addon (odoo-addon-don_*, built by whool
# from the addon's pyproject.toml and manifest) into dist/ (or $DON_WHEEL_DIR).
# Offline: whool comes from requirements-dev.txt, no isolated build env.
# Install them beside Odoo 18 with, e.g.:
#   pip install --find-links dist odoo-addon-don_rapportage
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

OUT="${DON_WHEEL_DIR:-$ROOT/dist}"
ensure_python_deps requirements-dev.txt
mkdir -p "$OUT"
rm -f "$OUT"/odoo_addon_don_*.whl
for addon in ${DON_ADDONS//,/ }; do
    say "wheel $addon"
    "$PYTHON" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
        --wheel-dir "$OUT" "addons/$addon"
done
ls -1 "$OUT"/odoo_addon_don_*.whl
