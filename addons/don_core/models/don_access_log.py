# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.http import request


class DonAccessLog(models.Model):
    """NEN 7513 style log: who opened which youth record or case file, when,
    and in which capacity. Written by the system only; readable by the
    privacy officer; never editable or deletable through UI or RPC."""

    _name = "don.access.log"
    _inherit = ["don.strong.login.mixin"]
    _description = "DON access log"
    _order = "id desc"
    _log_access = False

    date = fields.Datetime(required=True, readonly=True, index=True, default=fields.Datetime.now)
    user_id = fields.Many2one(
        "res.users", required=True, readonly=True, index=True, ondelete="restrict"
    )
    user_login = fields.Char(string="Login", readonly=True)
    capacity = fields.Char(
        string="On behalf of",
        readonly=True,
        help="The DON roles and domains the user held when opening the record.",
    )
    action = fields.Selection(
        [("open", "Opened"), ("export", "Exported"), ("print", "Printed")],
        required=True,
        readonly=True,
        default="open",
    )
    res_model = fields.Char(string="Record type", required=True, readonly=True, index=True)
    res_id = fields.Integer(string="Record ID", required=True, readonly=True, index=True)
    subject_ref = fields.Char(string="Number", readonly=True)
    subject_name = fields.Char(string="Young person (name)", readonly=True, index="trigram")
    youth_id = fields.Many2one(
        "don.youth", string="Young person", readonly=True, index=True, ondelete="set null"
    )
    involved = fields.Boolean(
        readonly=True,
        help="The user was case director or involved professional at the time.",
    )
    ip_address = fields.Char(string="IP address", readonly=True)
    company_id = fields.Many2one("res.company", string="Municipality", readonly=True, index=True)

    @api.model
    def _capacity(self, user):
        """The user's DON roles, as the log records them (in the language of
        the session)."""
        return self._capacity_of(user.id, self.env.lang or "en_US")

    @api.model
    @tools.ormcache("uid", "lang")
    def _capacity_of(self, uid, lang):
        # Cached, so that opening a file does not read the user's groups
        # each time: a change of a user's groups, of a group or of its
        # implied groups clears the registry cache (res.users / res.groups
        # write call ir.model.access.call_cache_clearing_methods).
        user = self.env["res.users"].sudo().with_context(lang=lang).browse(uid)
        category_id = self.env.ref("don_core.module_category_don").id
        names = [group.name for group in user.groups_id if group.category_id.id == category_id]
        return ", ".join(sorted(names))

    @api.model
    def _log_open(self, record, action="open"):
        """Log that the current user opened record (a youth or a case).
        Called after the read succeeded, so the user had access."""
        if self.env.su and self.env.uid == 1:
            return
        user = self.env.user
        if record._name == "don.case":
            youth = record.youth_id
            involved = user == record.director_id or user in record.involved_user_ids
        else:
            youth = record
            involved = False
        vals = {
            "user_id": user.id,
            "user_login": user.login,
            "capacity": self._capacity(user),
            "action": action,
            "res_model": record._name,
            "res_id": record.id,
            "subject_ref": record.reference,
            "subject_name": youth.name,
            "youth_id": youth.id,
            "involved": involved,
            "ip_address": request.httprequest.remote_addr if request else False,
            "company_id": record.company_id.id,
        }
        # sudo: nobody has create rights on the log (so it cannot be forged
        # through RPC); the system writes it after the read succeeded.
        self.sudo().with_context(don_access_log_write=True).create(vals)

    @api.model_create_multi
    def create(self, vals_list):
        if not (self.env.su and self.env.context.get("don_access_log_write")):
            raise AccessError(_("The access log is written by the system only."))
        return super().create(vals_list)

    def write(self, vals):
        if not (self.env.su and self.env.context.get("don_access_log_anonymise")):
            raise AccessError(_("The access log cannot be changed."))
        return super().write(vals)

    @api.ondelete(at_uninstall=True)
    def _unlink_never(self):
        raise AccessError(_("The access log cannot be deleted."))

    # ------------------------------------------------------------------
    # Privacy lifecycle (see don.privacy): the fact of access is kept
    # (user, date, capacity), the subject's name and number are not.
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        if self:
            self.sudo().with_context(don_access_log_anonymise=True).write(
                {"subject_name": False, "subject_ref": False, "youth_id": False}
            )

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            ["date", "user_id", "capacity", "action", "res_model", "involved"],
            chatter=False,
        )
