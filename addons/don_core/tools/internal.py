# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Context flags that only server code can set.

A plain context key (``don_no_access_log=True``) can be sent by any client
over JSON-RPC or XML-RPC, in a report URL or an action's context: a flag
that switches off a safeguard (the access log, a second log line) must not
be one. Server code sets such a flag to :data:`INTERNAL`, a module-level
object that no client can send (it is not JSON or XML-RPC serialisable),
and checks it with :func:`internal_flag` (``is``, never truthiness)."""

import sys

from odoo import api


class _Internal:
    __slots__ = ()

    def __repr__(self):
        return "<DON internal flag>"

    # Copies of a context (copy, deepcopy, pickle) keep the same object, so
    # that ``is`` still holds.
    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __reduce__(self):
        return "INTERNAL"


INTERNAL = _Internal()


def internal_flag(env, key):
    """True when server code set ``key`` in the context to INTERNAL; any
    value a client sent (True, 1, "1", a dict) gives False."""
    return env.context.get(key) is INTERNAL


_CALL_KW = api.call_kw.__code__


def dispatched_by_rpc(method_name):
    """True when the running method ``method_name`` (the override calling
    this, with the overrides of the same name above it in the MRO) was
    called by Odoo's RPC dispatcher ``odoo.api.call_kw`` itself: every RPC
    channel (/web/dataset/call_kw, /web/dataset/call_button, /jsonrpc
    execute_kw, XML-RPC /xmlrpc/2/object) calls the method through it. A
    call from other server code (web_read calls read, search_read calls
    read) gives False."""
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_name == method_name:
        frame = frame.f_back
    return frame is not None and frame.f_code is _CALL_KW
