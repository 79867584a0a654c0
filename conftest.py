# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Test-run guard against a CPython 3.11 bug in the ast module.

CPython 3.11 (the Python of this project's CI) keeps the recursion depth of
its AST conversion in state shared by all threads; two threads converting an
AST at the same time can fail with ``SystemError: AST constructor recursion
depth mismatch`` (CPython issue gh-106905). The browser tours run
the Odoo server in threads of the test process, where manifests and view
expressions are parsed with ``ast.parse``/``ast.literal_eval`` in parallel
requests, so a tour could fail at random. During the tests only, these two
functions take a lock. Nothing of this is loaded by Odoo itself.
"""

import ast
import sys
import threading

if sys.version_info < (3, 13):
    _AST_LOCK = threading.RLock()
    _parse = ast.parse

    def _locked_parse(*args, **kwargs):
        with _AST_LOCK:
            return _parse(*args, **kwargs)

    # literal_eval calls ast.parse through the module attribute.
    ast.parse = _locked_parse
