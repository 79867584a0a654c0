#!/usr/bin/env bash
# `make test`: fresh test database with the four addons (and the test-only
# addon don_tests), every test with pytest + pytest-odoo (browser tours in
# headless Chromium included), then the linters.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"

DB="${DON_TEST_DB:-don_test}"
CONF="$BUILD/odoo-test.conf"
LOG="$BUILD/install-test.log"

require_odoo
ensure_python_deps requirements.txt requirements-dev.txt
if ! command -v chromium >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing Chromium for the browser tours"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
            >"$BUILD/apt.log" 2>&1 || { cat "$BUILD/apt.log" >&2; exit 5; }
    else
        echo "ERROR: Chromium is needed for the browser tours (Debian: apt-get install chromium)." >&2
        exit 5
    fi
fi
if ! command -v wkhtmltopdf >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing wkhtmltopdf for the checks of the printed PDF files"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wkhtmltopdf) \
            >"$BUILD/apt-wkhtmltopdf.log" 2>&1 \
            || echo "WARNING: wkhtmltopdf could not be installed: PDFs are checked as HTML only." >&2
    else
        echo "NOTE: without wkhtmltopdf the PDFs are checked as HTML only (Debian: apt-get install wkhtmltopdf)." >&2
    fi
fi
if ! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
    if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
        say "Installing poppler-utils (pdftotext, pdftoppm) for the checks of the printed PDF files"
        (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils) \
            >"$BUILD/apt-poppler.log" 2>&1 \
            || echo "WARNING: poppler-utils could not be installed: the printed files are not checked." >&2
    else
        echo "NOTE: without poppler-utils the printed files are not checked (Debian: apt-get install poppler-utils)." >&2
    fi
fi
ensure_postgres
PORT="${DON_TEST_PORT:-$(free_port)}"
write_config "$CONF" "$DB" "$PORT"

say "Linters"
bash scripts/lint.sh

say "Fresh test database '$DB' with the DON addons (log: $LOG)"
dropdb --if-exists --force "$DB"
start=$(date +%s)
if ! odoo_bin -c "$CONF" -d "$DB" -i "$DON_ADDONS,don_tests" --load-language=nl_NL \
        --stop-after-init --log-level=info >"$LOG" 2>&1; then
    tail -n 60 "$LOG" >&2
    echo "ERROR: installing the addons failed" >&2
    exit 6
fi
if grep -E " (ERROR|CRITICAL) " "$LOG" >&2; then
    echo "ERROR: the install logged errors (see $LOG)" >&2
    exit 6
fi
echo "installed in $(( $(date +%s) - start )) s"

say "Tests (pytest + pytest-odoo, browser tours in headless Chromium)"
set +e
"$PYTHON" -m pytest --odoo-config="$CONF" --odoo-database="$DB" --odoo-http \
    --odoo-log-level=warn -p no:cacheprovider -q -rfE addons tests "$@"
rc=$?
set -e
if [ "$rc" = "5" ]; then
    echo "ERROR: no tests were collected" >&2
    exit 5
fi
exit "$rc"
