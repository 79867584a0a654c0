# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The mail gateway for the signal alias: no mail is lost, no robot answered.

Odoo parses a mail before it knows where it goes, so the hooks sit on
``mail.thread``; they act only on mail for a DON signal alias (or processed
with ``don.signal`` as fallback model) and leave every other mail to Odoo.
"""

import codecs
import logging
import time
import xmlrpc.client as xmlrpclib

from markupsafe import Markup

from odoo import api, models, tools
from odoo.addons.don_core.tools.internal import INTERNAL, internal_flag
from odoo.tools.mail import decode_message_header

_logger = logging.getLogger(__name__)

# RFC 3834 and the de facto headers of auto-responders.
ROBOT_PRECEDENCE = {"bulk", "junk", "list", "auto_reply", "auto-reply"}
ROBOT_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoresponder")
ROBOT_LOCALPARTS = {"mailer-daemon", "postmaster"}
ORIGINAL_NAME = "original_email.eml"


def clean_text(value):
    """``value`` without NUL bytes and lone surrogates (PostgreSQL stores
    neither); keeps Markup as Markup."""
    if not isinstance(value, str):
        return value
    cleaned = value.replace("\x00", "")
    try:
        cleaned.encode("utf-8")
    except UnicodeEncodeError:
        cleaned = cleaned.encode("utf-8", "replace").decode("utf-8")
    if cleaned == value:
        return value
    return Markup(cleaned) if isinstance(value, Markup) else cleaned


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    # ------------------------------------------------------------------
    # Scope
    # ------------------------------------------------------------------
    @api.model
    def _don_signal_alias_addresses(self):
        """Full addresses of the aliases that create signals."""
        # sudo: alias configuration, not personal data; the gateway runs as
        # any user.
        aliases = (
            self.env["mail.alias"]
            .sudo()
            .search([("alias_model_id.model", "=", "don.signal"), ("alias_domain_id", "!=", False)])
        )
        return [a.alias_full_name.lower() for a in aliases if a.alias_full_name]

    @api.model
    def _don_is_signal_mail(self, model, raw):
        """Whether raw mail ``raw`` (bytes) is for a signal alias, read from
        the header block without parsing it."""
        if model == "don.signal":
            return True
        head = raw.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
        head = head.decode("utf-8", "replace").lower()
        return any(address in head for address in self._don_signal_alias_addresses())

    # ------------------------------------------------------------------
    # Gateway
    # ------------------------------------------------------------------
    @api.model
    def message_process(
        self,
        model,
        message,
        custom_values=None,
        save_original=False,
        strip_attachments=False,
        thread_id=None,
    ):
        if isinstance(message, xmlrpclib.Binary):
            message = bytes(message.data)
        if isinstance(message, str):
            message = message.encode("utf-8", "surrogateescape")
        if isinstance(message, bytes) and self._don_is_signal_mail(model, message):
            self = self.with_context(don_signal_mail=INTERNAL, don_raw_message=message)
        return super().message_process(
            model,
            message,
            custom_values=custom_values,
            save_original=save_original,
            strip_attachments=strip_attachments,
            thread_id=thread_id,
        )

    @api.model
    def message_parse(self, message, save_original=False):
        # Set by message_process above (INTERNAL): a client calling
        # message_parse with the key gets Odoo's own parsing.
        if not internal_flag(self.env, "don_signal_mail"):
            return super().message_parse(message, save_original=save_original)
        try:
            with self.env.cr.savepoint():
                msg_dict = super().message_parse(message, save_original=save_original)
        except Exception:  # pylint: disable=broad-except
            # Odoo cannot read this mail (unknown charset, NUL bytes, broken
            # MIME): repair what can be repaired and keep the original.
            _logger.warning("Signal mail could not be parsed as is; repairing it", exc_info=True)
            self._don_repair_message(message)
            try:
                with self.env.cr.savepoint():
                    msg_dict = super().message_parse(message, save_original=save_original)
            except Exception:  # pylint: disable=broad-except
                _logger.warning(
                    "Signal mail unreadable after repair; keeping its text", exc_info=True
                )
                msg_dict = self._don_message_parse_minimal(message)
            raw = self.env.context.get("don_raw_message") or b""
            msg_dict["attachments"] = [
                att for att in msg_dict.get("attachments", []) if att[0] != ORIGINAL_NAME
            ] + [self._Attachment(ORIGINAL_NAME, raw, {})]
            msg_dict["don_unreadable"] = True
        return self._don_clean_msg_dict(msg_dict)

    @api.model
    def _don_clean_msg_dict(self, msg_dict):
        """The parsed values without what PostgreSQL cannot store."""
        for key, value in list(msg_dict.items()):
            msg_dict[key] = clean_text(value)
        msg_dict["attachments"] = [
            self._Attachment(clean_text(att[0]) or "attachment", clean_text(att[1]), att[2])
            for att in msg_dict.get("attachments") or []
        ]
        return msg_dict

    @api.model
    def _don_repair_message(self, message):
        """Repair ``message`` in place: headers without NUL bytes, parts with
        a charset Python knows, file names without NUL bytes."""
        for name in set(message.keys()):
            try:
                values = [str(v) for v in message.get_all(name, [])]
            except Exception:  # pylint: disable=broad-except
                values = [clean_text(str(v)) for _n, v in message.raw_items() if _n == name]
            cleaned = [clean_text(v) for v in values]
            if cleaned != values:
                del message[name]
                for value in cleaned:
                    message[name] = value
        for part in message.walk():
            if part.is_multipart():
                continue
            charset = part.get_param("charset")
            if charset:
                try:
                    codecs.lookup(str(charset))
                except LookupError:
                    payload = part.get_payload(decode=True) or b""
                    try:
                        payload.decode("utf-8")
                        part.set_param("charset", "utf-8")
                    except UnicodeDecodeError:
                        part.set_param("charset", "windows-1252")
            filename = part.get_param("filename", header="content-disposition")
            if isinstance(filename, str) and clean_text(filename) != filename:
                part.set_param("filename", clean_text(filename), header="content-disposition")
        return message

    @api.model
    def _don_message_parse_minimal(self, message):
        """The values Odoo needs to route and post a mail, read part by part
        with every error replaced."""

        def header(name):
            try:
                return clean_text(decode_message_header(message, name, separator=","))
            except Exception:  # pylint: disable=broad-except
                return ""

        texts = []
        for part in message.walk():
            if part.is_multipart() or part.get_content_maintype() != "text":
                continue
            payload = part.get_payload(decode=True) or b""
            text = payload.decode("utf-8", "replace")
            if part.get_content_subtype() == "html":
                text = tools.html2plaintext(text)
            texts.append(clean_text(text))
        email_from = header("From")
        recipients = ",".join(filter(None, (header("Delivered-To"), header("To"), header("Cc"))))
        return {
            "message_type": "email",
            "message_id": header("Message-Id").strip() or f"<{time.time()}@localhost>",
            "subject": header("Subject"),
            "email_from": email_from,
            "from": email_from,
            "to": recipients,
            "cc": header("Cc"),
            "recipients": recipients,
            "partner_ids": [],
            "references": "",
            "in_reply_to": "",
            "is_bounce": False,
            "body": tools.plaintext2html("\n\n".join(texts)),
            "attachments": [],
        }

    # ------------------------------------------------------------------
    # Robots
    # ------------------------------------------------------------------
    @api.model
    def _don_is_robot_mail(self, message, message_dict):
        """Auto-replies and bounces: they never become a signal and never get
        a confirmation (that is how mail loops start)."""

        def get(name):
            try:
                return str(message.get(name) or "").strip().lower()
            except Exception:  # pylint: disable=broad-except
                return ""

        if message_dict.get("is_bounce"):
            return True
        auto_submitted = get("Auto-Submitted").split(";")[0].strip()
        if auto_submitted and auto_submitted != "no":
            return True
        if any(message.get(name) is not None for name in ROBOT_HEADERS):
            return True
        if get("Precedence") in ROBOT_PRECEDENCE:
            return True
        if get("Return-Path") == "<>":
            return True
        email_from = (tools.email_split(message_dict.get("email_from") or "") or [""])[0]
        if email_from.split("@", 1)[0].lower() in ROBOT_LOCALPARTS:
            return True
        return message.get_content_type() == "multipart/report"

    @api.model
    def _routing_handle_bounce(self, email_message, message_dict):
        result = super()._routing_handle_bounce(email_message, message_dict)
        if message_dict.get("bounced_email"):
            self.env["don.signal"]._don_feedback_bounced(
                message_dict["bounced_email"], message_dict.get("bounced_message")
            )
        return result

    @api.model
    def message_route(self, message, message_dict, model=None, thread_id=None, custom_values=None):
        routes = super().message_route(
            message, message_dict, model=model, thread_id=thread_id, custom_values=custom_values
        )
        new_signal = [route for route in routes if route[0] == "don.signal" and not route[1]]
        if new_signal and self._don_is_robot_mail(message, message_dict):
            _logger.info(
                "Mail from %s with Message-Id %s is an auto-reply or bounce: no signal",
                message_dict.get("email_from"),
                message_dict.get("message_id"),
            )
            routes = [route for route in routes if route not in new_signal]
        return routes
