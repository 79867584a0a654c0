# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, models
from odoo.tools import SQL

from ..tools.internal import internal_flag


class MailMessage(models.Model):
    """A message of a DON document is readable only by who may read the
    document now: not by its recipients, notified partners or author as
    such (see don.side.guard)."""

    _name = "mail.message"
    _inherit = ["mail.message", "don.side.guard", "don.side.consultation"]
    _don_doc_columns = ("model", "res_id")

    @api.model
    def _don_api_read_action(self, fields):
        # A message read through the API shows its body, author, subject or
        # its document's name (the display name of a message is the
        # document's record_name): anything but the bare ids.
        if fields is None or set(fields) - {"id"}:
            return "chatter"
        return None

    def read(self, fields=None, load="_classic_read"):
        # mail's read (its access check) hides don.side.consultation's
        # from the web client's choice of cursor (/web/dataset/call_kw looks
        # for ``_readonly`` along the classes, and the one after mail's
        # resolves to the ORM's read-only read): an API read of messages
        # writes the access log, on a read/write cursor.
        return super().read(fields, load=load)

    read._readonly = False

    @api.model
    def _message_fetch(
        self, domain, search_term=None, before=None, after=None, around=None, limit=30
    ):
        # What the chatter (/mail/thread/messages), the inbox, starred and
        # history boxes fetch: the messages of a DON document hold personal
        # data, so a page of them is a consultation of the documents they
        # belong to (one entry per page and model, whatever the domain the
        # client sent: the documents are those of the messages found, which
        # the side guard limits to documents the user may read now).
        result = super()._message_fetch(
            domain, search_term=search_term, before=before, after=after, around=around, limit=limit
        )
        messages = result.get("messages")
        if messages and not self.env.su and not internal_flag(self.env, "don_no_access_log"):
            # sudo: only the document reference of messages the user just
            # read (the search applied the rules and the side guard).
            shown = messages.sudo()
            documents = {(message.model, message.res_id) for message in shown}
            Log = self.env["don.access.log"]
            if len(documents) == 1:
                # The chatter of a form the user opened just now: that
                # opening is the consultation (one entry for form and
                # chatter); fetched on its own, it is one of its own.
                model, res_id = next(iter(documents))
                if model in self.env and Log._form_opened_recently(self.env[model].browse(res_id)):
                    return result
            Log._log_documents(sorted(documents), "chatter")
        return result

    @api.model_create_multi
    def create(self, vals_list):
        messages = super().create(vals_list)
        # Only messages created with recipients are checked (no query for the
        # others: tracking, notes, intake).
        with_recipients = [
            message.id
            for message, vals in zip(messages, vals_list, strict=True)
            if vals.get("partner_ids")
        ]
        if with_recipients:
            self.browse(with_recipients)._don_drop_recipients_without_access()
        return messages

    def _don_drop_recipients_without_access(self):
        """Recipients of a message on a DON document are partners of users
        who may read the document (``message_post`` filters them too; a
        direct ``create`` with ``partner_ids`` must not get around that)."""
        doc_models = self._don_document_models()
        on_don = self.filtered(lambda m: m.model in doc_models and m.res_id and m.partner_ids)
        if not on_don:
            return
        self.flush_recordset(["partner_ids"])
        # One query: the recipients who are not a user in the access
        # relation of the message's document.
        rows = self.env.execute_query(
            SQL(
                """WITH docs AS (
                       SELECT m.id AS message_id,
                              CASE WHEN m.model = 'project.task' THEN 'don.case'
                                   ELSE m.model END AS doc_model,
                              CASE WHEN m.model = 'project.task' THEN t.don_case_id
                                   ELSE m.res_id END AS doc_id
                         FROM mail_message m
                         LEFT JOIN project_task t
                                ON m.model = 'project.task' AND t.id = m.res_id
                        WHERE m.id = ANY(%(ids)s)
                          AND (m.model <> 'project.task' OR t.don_case_id IS NOT NULL))
                   SELECT rel.mail_message_id, rel.res_partner_id
                     FROM docs
                     JOIN mail_message_res_partner_rel rel
                       ON rel.mail_message_id = docs.message_id
                    WHERE NOT EXISTS (
                          SELECT 1 FROM res_users u
                            JOIN don_access_entry a
                              ON a.user_id = u.id AND a.res_model = docs.doc_model
                             AND a.res_id = docs.doc_id
                           WHERE u.partner_id = rel.res_partner_id AND u.active)""",
                ids=on_don.ids,
            )
        )
        dropped = {}
        for message_id, partner_id in rows:
            dropped.setdefault(message_id, []).append(Command.unlink(partner_id))
        for message in self.browse(dropped):
            # sudo: only removes recipients (no data is read or widened); the
            # author may not be allowed to write a message once created.
            message.sudo().partner_ids = dropped[message.id]
