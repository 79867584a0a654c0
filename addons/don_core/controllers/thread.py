# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.addons.mail.controllers.thread import ThreadController
from odoo.http import request

from ..tools.internal import internal_flag


def _secured_thread(thread_model):
    """``thread_model`` names a model of DON documents (one with the secured
    mixin), from the registry alone."""
    registry = request.registry
    return (
        isinstance(thread_model, str)
        and thread_model in registry
        and "don.secured.mixin" in registry
        and issubclass(registry[thread_model], registry["don.secured.mixin"])
    )


def _logged_thread(thread_model):
    """The data of a thread of ``thread_model`` may write an access log
    entry: a DON document, or an action task (``project.task``, logged as
    its case when it has one)."""
    return thread_model == "project.task" or _secured_thread(thread_model)


def _thread_data_readonly(controller):
    # The data of a DON document's chatter writes an access log entry,
    # which a read-only cursor (a replica) refuses; other threads keep it.
    params = request.get_json_data().get("params") or {}
    return not _logged_thread(params.get("thread_model"))


class DonThreadController(ThreadController):
    @http.route(readonly=_thread_data_readonly)
    def mail_thread_data(self, thread_model, thread_id, request_list, **kwargs):
        # What the chatter shows beside the messages (its files with their
        # names, the activities with their notes, the followers, the
        # suggested recipients): of a DON document, a consultation, unless
        # the user opened its form just now (the chatter loads this right
        # after the form: one consultation, the form's "open" entry). The
        # document is the one the route found readable, never the client's
        # word; a refused thread shows nothing and logs nothing.
        result = super().mail_thread_data(thread_model, thread_id, request_list, **kwargs)
        env = request.env
        if (
            request_list
            and not env.su
            and not internal_flag(env, "don_no_access_log")
            and _logged_thread(thread_model)
            and (
                thread_model == "project.task"
                or thread_model in env["don.access"]._secured_models()
            )
        ):
            thread = env[thread_model]._get_thread_with_access(thread_id, **kwargs)
            Log = env["don.access.log"]
            # An action task's data (its activities with their notes, its
            # files) is a consultation of its case (_log_documents maps it;
            # a task of no case is none); the task's form is no logged
            # opening, so no opening covers it.
            if thread and (thread._name == "project.task" or not Log._form_opened_recently(thread)):
                Log._log_documents([(thread._name, thread.id)], "thread")
        return result
