# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import _, models


class DonSignal(models.Model):
    """Privacy lifecycle of signals (hooks of don_core's don.privacy).

    A signal that concerned only the young person being erased is anonymised
    or deleted with them. A signal that also concerns other young people
    stays for them: it loses only the link to this young person and their
    name in its texts.
    """

    _inherit = "don.signal"

    _don_privacy_fields = (
        "name",
        "description",
        "youth_description",
        "reporter_name",
        "reporter_email",
        "reporter_phone",
        "location",
        "outcome_reason",
    )
    _don_privacy_text_fields = ("name", "description", "youth_description", "outcome_reason")

    def _don_privacy_own(self, youth):
        return self.filtered(lambda s: not (s.youth_ids - youth))

    @staticmethod
    def _don_replace_names(text, names, placeholder):
        for name in names:
            if text and name and len(name.strip()) >= 4:
                text = re.sub(re.escape(name.strip()), placeholder, text, flags=re.IGNORECASE)
        return text

    def _don_privacy_erase(self, youth, mode):
        own = self._don_privacy_own(youth)
        placeholder = _("[anonymised]")
        for signal in self - own:
            vals = {"youth_ids": [(3, youth.id)]}
            for fname in self._don_privacy_text_fields:
                new = self._don_replace_names(signal[fname], [youth.name], placeholder)
                if new != signal[fname]:
                    vals[fname] = new
            signal.write(vals)
        return super(DonSignal, own)._don_privacy_erase(youth, mode)

    def _don_privacy_export(self, youth):
        result = super()._don_privacy_export(youth)
        placeholder = _("(another young person)")
        by_id = {signal.id: signal for signal in self}
        for values in result:
            others = by_id[values["id"]].youth_ids - youth
            if not others:
                continue
            names = others.mapped("name") + others.mapped("reference")
            for key, value in values.items():
                if isinstance(value, str):
                    values[key] = self._don_replace_names(value, names, placeholder)
            for message in values.get("messages", []):
                for key in ("subject", "body"):
                    message[key] = self._don_replace_names(message[key], names, placeholder)
        return result
