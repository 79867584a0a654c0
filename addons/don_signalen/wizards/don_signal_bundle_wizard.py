# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, _, fields, models
from odoo.exceptions import UserError


class DonSignalBundleWizard(models.TransientModel):
    """Bundle signals into a main signal. Every bundled signal keeps its own
    reporter and gets the same feedback as the main signal."""

    _name = "don.signal.bundle.wizard"
    _description = "Bundle signals"

    main_id = fields.Many2one("don.signal", string="Main signal", required=True, ondelete="cascade")
    company_id = fields.Many2one(related="main_id.company_id")
    signal_ids = fields.Many2many(
        "don.signal",
        string="Signals to bundle",
        domain="[('id', '!=', main_id), ('company_id', '=', company_id), "
        "('bundle_id', '=', False), ('state', '!=', 'done')]",
    )

    def action_bundle(self):
        self.ensure_one()
        main = self.main_id
        signals = self.signal_ids - main
        if not signals:
            raise UserError(_("Choose the signals to bundle into %(ref)s.", ref=main.reference))
        if main.bundle_id:
            raise UserError(
                _("%(ref)s is bundled itself: bundle into its main signal.", ref=main.reference)
            )
        (main | signals)._check_editable()
        if signals.filtered(lambda s: s.company_id != main.company_id):
            raise UserError(_("Only signals of the same municipality can be bundled."))
        # Signals bundled into one of these move to the new main signal.
        children = signals.bundled_ids
        (signals | children).write({"bundle_id": main.id})
        extra_youths = (signals | children).youth_ids - main.youth_ids
        if extra_youths:
            main.write({"youth_ids": [Command.link(y.id) for y in extra_youths]})
        main.message_post(
            body=_("Bundled: %(refs)s", refs=", ".join((signals | children).mapped("reference"))),
            message_type="notification",
            subtype_xmlid="mail.mt_note",
        )
        return {"type": "ir.actions.act_window_close"}
