# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The library of the DON benchmarks (see bench/README.md).

- ``db``: benchmark databases (create, reuse, drop, install, vacuum);
- ``generation``: the benchmark municipality (users, COPY data, access relation);
- ``measure``: users' environments, query recording, interleaved medians;
- ``report``: markdown tables and the machine's description;
- ``server``: Odoo with workers over HTTP on 127.0.0.1 (load benchmarks).

The scripts in ``bench/`` import it as ``donbench``: Python puts the script's
directory first on ``sys.path``, so no path manipulation is needed.
"""


def log(message):
    print(message, flush=True)
