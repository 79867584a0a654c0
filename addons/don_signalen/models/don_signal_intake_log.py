# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import ipaddress
import secrets
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import config

DEFAULT_RATE_IP = 10
DEFAULT_RATE_TOKEN = 30
DEFAULT_RATE_ANONYMOUS = 100
SALT_KEY = "don_signalen.intake_salt"


class DonSignalIntakeLog(models.Model):
    """Submissions of the web form, for the rate limit only.

    Keeps no IP address: the key is a hash of the address with a salt that is
    replaced every day (and rows older than a day are deleted), so that it
    cannot be traced back afterwards.

    The limits, as a municipality weighs them (readme/CONFIGURE.md):

    - a personal reporting link is trusted: its reports count against the
      link's own limit only (default 30 an hour), never against the
      address, so a school sending many genuine reports from one network
      is not refused after ten;
    - the anonymous form counts per address (default 10 an hour) and, as a
      guard against a flood from many addresses or from behind a proxy that
      hides them, all anonymous reports together (default 100 an hour).

    The check and the insert are one step: the check takes a transaction
    lock per key, held until the report is stored (or refused)."""

    _name = "don.signal.intake.log"
    _description = "Web report rate limit"
    _log_access = False
    _order = "id desc"

    key = fields.Char(required=True, index=True)
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _salt(self):
        """The day's salt. Created at most once even when the first reports
        arrive in parallel (no unique-key error, no lost report)."""
        # Read with SQL: ir.config_parameter caches values per worker, and
        # the salt must be the same for every worker.
        self.env.cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [SALT_KEY])
        row = self.env.cr.fetchone()
        if row and row[0]:
            return row[0]
        self.env.cr.execute(
            """INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,
                                                create_date, write_date)
               VALUES (%s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
               ON CONFLICT (key) DO NOTHING""",
            [SALT_KEY, secrets.token_hex(16), self.env.uid, self.env.uid],
        )
        self.env.cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [SALT_KEY])
        self.env.registry.clear_cache()
        return self.env.cr.fetchone()[0]

    @api.model
    def _client_address(self, httprequest):
        """The reporter's address as the rate limit sees it.

        With ``proxy_mode`` Odoo takes it from X-Forwarded-For. Without it,
        behind a reverse proxy every reporter would share the proxy's
        address and ten anonymous reports an hour would close the form for
        the whole town: when the connection comes from a private or loopback
        address and carries X-Forwarded-For, the last address the proxy
        added is used (only for counting; the anonymous total still caps a
        client that forges it)."""
        address = httprequest.remote_addr or ""
        forwarded = httprequest.headers.get("X-Forwarded-For", "")
        if forwarded and not config.get("proxy_mode"):
            try:
                direct = ipaddress.ip_address(address)
            except ValueError:
                return address
            if direct.is_private or direct.is_loopback:
                last = forwarded.split(",")[-1].strip()
                try:
                    return str(ipaddress.ip_address(last))
                except ValueError:
                    return address
        return address

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

        def number(key, default):
            try:
                return max(int(params.get_param(key, default)), 0)
            except (TypeError, ValueError):
                return default

        return (
            number("don_signalen.rate_limit_ip", DEFAULT_RATE_IP),
            number("don_signalen.rate_limit_token", DEFAULT_RATE_TOKEN),
            number("don_signalen.rate_limit_anonymous", DEFAULT_RATE_ANONYMOUS),
        )

    @api.model
    def _keys(self, address, partner=None):
        """[(key, limit)] that one more report counts against."""
        limit_ip, limit_token, limit_anonymous = self._limits()
        if partner:
            return [(self._key_partner(partner), limit_token)]
        return [(self._key_ip(address), limit_ip), ("anonymous", limit_anonymous)]

    @api.model
    def _is_allowed(self, address, partner=None):
        """Whether one more report from this address (or reporting link)
        fits the limits of the last hour. Locks the keys until the end of
        the transaction, so that parallel reports are counted one by one."""
        keys = self._keys(address, partner)
        since = fields.Datetime.now() - timedelta(hours=1)
        names = sorted(key for key, _limit in keys)
        self.env.cr.execute(
            "SELECT pg_advisory_xact_lock(hashtext('don_signal_intake_log'), hashtext(k))"
            " FROM unnest(%s::varchar[]) AS k ORDER BY k",
            [names],
        )
        self.env.cr.execute(
            "SELECT key, count(*) FROM don_signal_intake_log WHERE key = ANY(%s) AND date > %s"
            " GROUP BY key",
            [names, since],
        )
        counts = dict(self.env.cr.fetchall())
        return all(counts.get(key, 0) < limit for key, limit in keys)

    @api.model
    def _record_submission(self, address, partner=None):
        now = fields.Datetime.now()
        rows = [(key, now) for key, _limit in self._keys(address, partner)]
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
        self.env["ir.config_parameter"].sudo().set_param(SALT_KEY, secrets.token_hex(16))
