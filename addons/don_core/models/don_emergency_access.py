# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

# A reason must say something: at least this many characters.
MIN_REASON = 20


class DonEmergencyAccess(models.Model):
    """Emergency access (break-the-glass): a user with a DON role who has no
    access to a case gets it for a limited time after stating a reason.

    The grant is an input of the case's access relation (see
    ``don.case._don_access_condition``): the relation, not a sudo() in a
    controller, gives the access, and takes it away when the grant ends (a
    cron recomputes the cases whose grant expired). Off unless the
    municipality switches it on. The case director and the privacy officers
    are told at once; the grant stays in the access review until the privacy
    officer marks it explained."""

    _name = "don.emergency.access"
    _inherit = ["don.strong.login.mixin"]
    _description = "DON emergency access"
    _order = "date_start desc, id desc"
    _rec_name = "case_reference"

    case_id = fields.Many2one(
        "don.case", required=True, readonly=True, index=True, ondelete="cascade"
    )
    case_reference = fields.Char(string="Case number", readonly=True)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        "res.company", string="Municipality", required=True, readonly=True, index=True
    )
    reason = fields.Text(required=True, readonly=True)
    date_start = fields.Datetime(
        string="From", required=True, readonly=True, default=fields.Datetime.now
    )
    date_end = fields.Datetime(string="Until", required=True, readonly=True, index=True)
    revoked = fields.Boolean(
        string="Ended",
        readonly=True,
        help="Technical: the access relation no longer holds the grant (it expired).",
    )
    is_active = fields.Boolean(string="Active", compute="_compute_is_active")
    exception_ids = fields.One2many(
        "don.access.exception", "emergency_id", string="Review", readonly=True
    )

    @api.depends("date_end")
    def _compute_is_active(self):
        now = fields.Datetime.now()
        for grant in self:
            grant.is_active = grant.date_end and grant.date_end > now

    # ------------------------------------------------------------------
    # Asking for emergency access
    # ------------------------------------------------------------------
    @api.model
    def _request(self, reference, reason):
        """Grant the current user emergency access to the case numbered
        ``reference`` after the checks; returns the case (as the user)."""
        user = self.env.user
        reason = (reason or "").strip()
        company = self.env.company
        if not company.don_emergency_access:
            raise UserError(_("Emergency access is not switched on for %s.", company.name))
        if not user._has_group("don_core.group_don_professional"):
            raise AccessError(_("Emergency access is only for users with a DON role."))
        if len(reason) < MIN_REASON:
            raise UserError(
                _(
                    "Describe why you need this case now (at least %(count)s characters).",
                    count=MIN_REASON,
                )
            )
        self.env["res.users"]._don_check_2fa()
        # sudo: the user cannot see the case (that is why they ask); only the
        # id of the case with exactly this number in the user's current
        # municipality is looked up, nothing of it is returned to them.
        case = (
            self.env["don.case"]
            .sudo()
            .search(
                [("reference", "=", (reference or "").strip()), ("company_id", "=", company.id)],
                limit=1,
            )
        )
        if not case:
            raise UserError(_("There is no case with number %s in this municipality.", reference))
        if self.env["don.access"]._user_can_see("don.case", case.ids):
            return case.with_env(self.env)
        hours = max(company.don_emergency_hours, 1)
        now = fields.Datetime.now()
        # sudo: nobody creates grants through RPC (no create right); the
        # checks above are the gate.
        grant = (
            self.sudo()
            .with_context(don_emergency_write=True)
            .create(
                {
                    "case_id": case.id,
                    "case_reference": case.reference,
                    "user_id": user.id,
                    "company_id": company.id,
                    "reason": reason,
                    "date_start": now,
                    "date_end": now + timedelta(hours=hours),
                }
            )
        )
        case = case.with_env(self.env)
        self.env["don.access.log"]._log_records(
            case, action="emergency", purpose="emergency", reason=reason
        )
        self.env["don.access.exception"]._record_emergency(grant)
        grant._notify_granted()
        return case

    def _notify_granted(self):
        """Tell the case director and the privacy officers at once (a
        notification to them only; the reason and the case number, never
        the young person's name)."""
        privacy = self.env.ref("don_core.group_don_privacy")
        for grant in self.sudo():
            officers = privacy.users.filtered(lambda u, c=grant.company_id: c in u.company_ids)
            partners = (officers | grant.case_id.director_id).partner_id
            if not partners:
                continue
            body = Markup("<p>%s</p><p>%s</p>") % (
                _(
                    "%(user)s used emergency access to case %(case)s until %(until)s.",
                    user=grant.user_id.name,
                    case=grant.case_reference,
                    until=fields.Datetime.context_timestamp(grant, grant.date_end).strftime(
                        "%d-%m-%Y %H:%M"
                    ),
                ),
                _("Reason given: %s", grant.reason),
            )
            grant.company_id.partner_id.message_notify(
                partner_ids=partners.ids,
                subject=_("DON: emergency access to case %s", grant.case_reference),
                body=body,
            )

    # ------------------------------------------------------------------
    # The access relation reads the grants: keep it current
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su and self.env.context.get("don_emergency_write")):
            raise AccessError(_("Emergency access is given through the request form only."))
        grants = super().create(vals_list)
        grants._recompute_cases()
        return grants

    def write(self, vals):
        if not (self.env.su and self.env.context.get("don_emergency_write")):
            raise AccessError(_("An emergency access cannot be changed."))
        result = super().write(vals)
        if {"date_end", "case_id", "user_id"} & set(vals):
            self._recompute_cases()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not (self.env.su and self.env.context.get("don_privacy_erase")):
            raise AccessError(_("An emergency access cannot be deleted."))

    def _recompute_cases(self):
        self.env["don.access"]._recompute_inputs(
            self._name, user_ids=self.user_id.ids, record_ids=self.case_id.ids
        )

    @api.model
    def _cron_expire(self):
        """Take expired grants out of the access relation."""
        expired = (
            self.sudo()
            .with_context(don_emergency_write=True)
            .search([("revoked", "=", False), ("date_end", "<=", fields.Datetime.now())])
        )
        if expired:
            expired.write({"revoked": True})
            expired._recompute_cases()

    @api.model
    def _active_for(self, records, user):
        """These records are cases (or items of cases) the user sees through
        an active emergency grant."""
        if "case_id" in records._fields:
            case_ids = records.case_id.ids
        elif records._name == "don.case":
            case_ids = records.ids
        else:
            return False
        if not case_ids:
            return False
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM don_emergency_access
                    WHERE user_id = %s AND case_id IN %s AND date_end > %s LIMIT 1""",
                user.id,
                tuple(case_ids),
                fields.Datetime.now(),
            )
        )
        return bool(self.env.cr.fetchone())

    # Privacy lifecycle: the grant goes with the case.
    def _don_privacy_erase(self, youth, mode):
        if self:
            self.sudo().with_context(don_privacy_erase=True).unlink()

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self, youth, ["user_id", "reason", "date_start", "date_end"], chatter=False
        )
