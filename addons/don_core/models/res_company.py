# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    don_require_2fa = fields.Boolean(
        string="DON: two-factor authentication required",
        default=True,
        help="Users with a DON role that gives access to personal data (professional, "
        "Kernteamlid, projectleider, privacy officer) can only open DON data after "
        "enabling two-factor authentication.",
    )
    don_access_review_threshold = fields.Integer(
        string="DON: unusual access threshold",
        default=10,
        help="The weekly access review reports a user who opened at least this many "
        "different files on one day and more than twice what users of the same role "
        "usually open (a Kernteamlid opening many files is normal).",
    )

    don_om_need_to_know = fields.Boolean(
        string="DON: need to know for the Public Prosecutor",
        default=True,
        help="A Kernteam agenda member (the Public Prosecutor) sees only the cases on the "
        "agenda of meetings they were invited to, and what was shared with them by name: "
        "not every case and young person of the municipality.",
    )
    don_om_period_days = fields.Integer(
        string="DON: days of access after the meeting",
        default=30,
        help="How many days after the meeting an agenda member keeps access to the cases "
        "that were on its agenda.",
    )

    don_emergency_access = fields.Boolean(
        string="DON: emergency access",
        help="A user with a DON role who has no access to a case can open it for a limited "
        "time after stating a reason. The case director and the privacy officer are told at "
        "once and the privacy officer reviews every use.",
    )
    don_emergency_hours = fields.Integer(
        string="DON: hours of emergency access",
        default=4,
        help="How long emergency access to a case lasts.",
    )
    don_access_night_start = fields.Integer(
        string="DON: night starts at (hour)",
        default=23,
        help="The access review reports consultations between this hour and the end of the "
        "night (Dutch time).",
    )
    don_access_night_end = fields.Integer(string="DON: night ends at (hour)", default=6)
    don_access_burst = fields.Integer(
        string="DON: burst (files in 10 minutes)",
        default=25,
        help="The access review reports a user who opens at least this many different files "
        "within ten minutes, whatever their role.",
    )

    @api.constrains("don_om_period_days")
    def _check_om_period(self):
        for company in self:
            if company.don_om_period_days < 0:
                raise ValidationError(_("The number of days of access cannot be negative."))

    def write(self, vals):
        result = super().write(vals)
        if self.env["don.access"]._declared_inputs(self._name) & set(vals):
            # Who sees what changes for the agenda members of these companies.
            self.env["don.access"]._recompute_inputs(self._name)
        if {"don_require_2fa", "user_ids", "don_om_need_to_know"} & set(vals):
            # The strong-login gate is cached per user (res.users._don_2fa_missing).
            self.env.registry.clear_cache()
        return result
