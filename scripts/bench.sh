#!/usr/bin/env bash
# `make bench`: the performance benchmark (see bench/README.md).
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
cd "$ROOT"
require_odoo
ensure_python_deps requirements.txt
ensure_postgres
DB="${DON_BENCH_DB:-don_bench}"
CONF="$BUILD/odoo-bench.conf"
write_config "$CONF" "$DB" "${DON_BENCH_PORT:-$(free_port)}"
exec "$PYTHON" bench/bench_core.py --config "$CONF" --database "$DB" "$@"
