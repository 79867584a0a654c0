# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import secrets
from datetime import timedelta

from odoo import api, fields, models

DEFAULT_RATE_IP = 10
DEFAULT_RATE_TOKEN = 30


class DonSignalIntakeLog(models.Model):
    """Submissions of the web form, for the rate limit only.

    Keeps no IP address: the key is a hash of the address with a salt that is
    replaced every day (and rows older than a day are deleted), so that it
    cannot be traced back afterwards."""

    _name = "don.signal.intake.log"
    _description = "Web report rate limit"
    _log_access = False
    _order = "id desc"

    key = fields.Char(required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _salt(self):
        # sudo: technical configuration (the daily salt), never shown.
        params = self.env["ir.config_parameter"].sudo()
        salt = params.get_param("don_signalen.intake_salt")
        if not salt:
            salt = secrets.token_hex(16)
            params.set_param("don_signalen.intake_salt", salt)
        return salt

    @api.model
    def _key_ip(self, address):
        digest = hashlib.sha256(f"{self._salt()}:{address or ''}".encode()).hexdigest()
        return f"ip:{digest}"

    @api.model
    def _key_partner(self, partner):
        return f"partner:{partner.id}"

    @api.model
    def _limits(self):
        # sudo: configuration values.
        params = self.env["ir.config_parameter"].sudo()
        return (
            int(params.get_param("don_signalen.rate_limit_ip", DEFAULT_RATE_IP)),
            int(params.get_param("don_signalen.rate_limit_token", DEFAULT_RATE_TOKEN)),
        )

    @api.model
    def _is_allowed(self, address, partner=None):
        """Whether one more report from this address (and reporting link)
        fits the limits of the last hour. Counts in one query."""
        limit_ip, limit_token = self._limits()
        since = fields.Datetime.now() - timedelta(hours=1)
        keys = [self._key_ip(address)]
        if partner:
            keys.append(self._key_partner(partner))
        self.env.cr.execute(
            "SELECT key, count(*) FROM don_signal_intake_log WHERE key IN %s AND date > %s"
            " GROUP BY key",
            [tuple(keys), since],
        )
        counts = dict(self.env.cr.fetchall())
        if counts.get(keys[0], 0) >= limit_ip:
            return False
        return not (partner and counts.get(keys[1], 0) >= limit_token)

    @api.model
    def _record_submission(self, address, partner=None):
        now = fields.Datetime.now()
        rows = [(self._key_ip(address), now)]
        if partner:
            rows.append((self._key_partner(partner), now))
        self.env.cr.execute(
            "INSERT INTO don_signal_intake_log (key, date) VALUES "
            + ",".join(["(%s, %s)"] * len(rows)),
            [value for row in rows for value in row],
        )

    @api.model
    def _cron_purge(self):
        """Daily: forget yesterday's submissions and change the salt."""
        self.env.cr.execute(
            "DELETE FROM don_signal_intake_log WHERE date < %s",
            [fields.Datetime.now() - timedelta(hours=1)],
        )
        # sudo: technical configuration.
        self.env["ir.config_parameter"].sudo().set_param(
            "don_signalen.intake_salt", secrets.token_hex(16)
        )
