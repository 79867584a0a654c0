# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the web client asks for when it opens a form: the ``web_read``
specifications in ``bench/specs/``, recorded from the browser by the tours
(``test_case_tour`` checks that they are still the client's; rerun it with
``DON_WRITE_CLIENT_SPECS=1`` after a change of the form view)."""

import functools
import json
from pathlib import Path

SPECS_DIR = Path(__file__).resolve().parents[1] / "specs"


@functools.cache
def _recorded(name):
    return json.loads((SPECS_DIR / f"{name}.json").read_text(encoding="utf-8"))


def client_spec(name, field_names):
    """The recorded specification ``name`` (e.g. ``don.case.form``), for the
    fields the benchmark database has: the tours run with every DON addon,
    a benchmark database may lack some (don_bestuur's measures on a case)."""
    return {fname: spec for fname, spec in _recorded(name).items() if fname in field_names}
