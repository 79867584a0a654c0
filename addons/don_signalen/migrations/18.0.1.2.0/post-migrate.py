# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""18.0.1.2.0: the reporting links and the signal cards' QR codes are made
from the municipality's public address of the reporting page, no longer from
the server's own address (web.base.url). A server already reached over https
keeps its links: that address becomes the public one of every municipality
that has none; an http address (a test or internal server) is not taken, and
its cards are refused until a DON administrator sets the address.

The reporters' mails were signed "Gemeente <company name>", and a company is
called "Gemeente Eemvoorde": "Gemeente Gemeente Eemvoorde". The templates
are not updated (noupdate): the word before the company's name is removed
here, in every language, where the shipped signature is still unchanged."""

import json
import re

from odoo import SUPERUSER_ID, api
from odoo.addons.don_signalen.models.res_company import normalize_public_url

TEMPLATES = (
    "mail_template_signal_received",
    "mail_template_signal_in_progress",
    "mail_template_signal_done",
)
SIGNATURE_RE = re.compile(
    r"(?:Municipality|Gemeente)\s*(<t t-out=\"object\.company_id\.name or ''\">)([^<]*)(</t>)"
)


def _fix_signatures(cr):
    cr.execute(
        """SELECT t.id, t.body_html FROM mail_template t
             JOIN ir_model_data d ON d.model = 'mail.template' AND d.res_id = t.id
            WHERE d.module = 'don_signalen' AND d.name IN %s""",
        [TEMPLATES],
    )
    for template_id, body in cr.fetchall():
        if not body:
            continue
        fixed = {
            lang: SIGNATURE_RE.sub(r"\1\2\3", value) if value else value
            for lang, value in body.items()
        }
        if fixed != body:
            cr.execute(
                "UPDATE mail_template SET body_html = %s::jsonb WHERE id = %s",
                [json.dumps(fixed), template_id],
            )


def migrate(cr, version):
    if not version:
        return
    _fix_signatures(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    base = normalize_public_url(env["ir.config_parameter"].get_param("web.base.url", ""))
    if base:
        env["res.company"].search([("don_intake_public_url", "=", False)]).write(
            {"don_intake_public_url": base}
        )
