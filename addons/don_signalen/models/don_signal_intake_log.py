# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import ipaddress
import secrets
from collections import namedtuple
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import config

DEFAULT_RATE_IP = 10
DEFAULT_RATE_TOKEN = 30
DEFAULT_RATE_ANONYMOUS = 100
SALT_KEY = "don_signalen.intake_salt"

# The answer of _reserve: whether one more report fits, and the reference of
# the same form when a parallel request already stored it.
Reservation = namedtuple("Reservation", ["allowed", "sent_reference"])


class DonSignalIntakeLog(models.Model):
    """Submissions of the web form, for the rate limit only.

    Keeps no IP address: the key is a hash of the address with a salt that is
    replaced every day, of the address's network (IPv4 /24, IPv6 /64) and,
    when the Odoo configuration holds ``don_intake_secret``, of a secret that
    is not in the database; rows older than an hour are deleted every hour.

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
    # For a sent form (key "form:<hash of the form's one-time id>"): the
    # reference it got, so that sending the same form again (a reload of the
    # thanks page, a double click) shows that reference instead of storing
    # the report twice.
    reference = fields.Char()

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
        # The first salt is created in a READ COMMITTED transaction of its
        # own, committed at once: in the request's REPEATABLE READ snapshot an
        # INSERT ... ON CONFLICT racing a parallel first report fails with a
        # serialization error (logged as an ERROR and retried).
        own = not self.env.registry.in_test_mode()
        cr = self.env.registry.cursor() if own else self.env.cr
        try:
            if own:
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                """INSERT INTO ir_config_parameter (key, value, create_uid, write_uid,
                                                    create_date, write_date)
                   VALUES (%s, %s, %s, %s, now() at time zone 'UTC', now() at time zone 'UTC')
                   ON CONFLICT (key) DO NOTHING""",
                [SALT_KEY, secrets.token_hex(16), self.env.uid, self.env.uid],
            )
            cr.execute("SELECT value FROM ir_config_parameter WHERE key = %s", [SALT_KEY])
            salt = cr.fetchone()[0]
            if own:
                # Configuration of its own transaction (see above), not the
                # request's data.
                cr.commit()  # pylint: disable=invalid-commit
        finally:
            if own:
                cr.close()
        self.env.registry.clear_cache()
        return salt

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
        """The hashed network of ``address``: an IPv4 /24 or an IPv6 /64
        (one household or one attacker's whole IPv6 range counts once, and
        the hash cannot be turned back into one reporter's address)."""
        try:
            ip = ipaddress.ip_address(address or "")
            prefix = 24 if ip.version == 4 else 64
            network = str(ipaddress.ip_network(f"{ip}/{prefix}", strict=False))
        except ValueError:
            network = address or ""
        secret = config.get("don_intake_secret") or ""
        digest = hashlib.sha256(f"{secret}:{self._salt()}:{network}".encode()).hexdigest()
        return f"ip:{digest}"

    @api.model
    def _key_form(self, form_uid):
        return "form:" + hashlib.sha256(f"{self._salt()}:{form_uid}".encode()).hexdigest()

    @api.model
    def _sent_reference(self, form_uid):
        """The reference a form with this one-time id already got, or None."""
        if not form_uid:
            return None
        self.env.cr.execute(
            "SELECT reference FROM don_signal_intake_log WHERE key = %s LIMIT 1",
            [self._key_form(form_uid)],
        )
        row = self.env.cr.fetchone()
        return row[0] if row else None

    @api.model
    def _record_form(self, form_uid, reference):
        if form_uid:
            self.env.cr.execute(
                "INSERT INTO don_signal_intake_log (key, date, reference) VALUES (%s, %s, %s)",
                [self._key_form(form_uid), fields.Datetime.now(), reference],
            )

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
    def _reserve(self, address, partner=None, form_uid=None, keys=None):
        """Check one more report from this address (or reporting link)
        against the limits of the last hour and, when it fits, count it: one
        step for parallel requests. Returns a Reservation: whether it fits
        and, for a form (``form_uid``) that a parallel request already
        stored, that report's reference (nothing is counted then: the same
        form sent twice at once, a double click, is one report).

        Odoo runs a request in a REPEATABLE READ transaction whose snapshot
        is taken by its first query, so a count made there cannot see the
        reports that other workers stored while this one waited for a lock.
        The check and the count therefore run in a transaction of their own
        (READ COMMITTED, holding a lock per key) that is committed right
        after the request's transaction, and rolled back with it: a report
        that is refused or fails is not counted, and two workers cannot both
        take the last place.

        ``keys`` ([(key, limit)]) replaces the public form's limits: an
        empty list only guards the form against being sent twice (the quick
        report of a logged-in professional)."""
        keys = self._keys(address, partner) if keys is None else keys
        form_key = self._key_form(form_uid) if form_uid else None
        names = sorted(key for key, _limit in keys)
        locked = sorted([*names, form_key]) if form_key else names
        sent = None
        main = self.env.cr
        own = not self.env.registry.in_test_mode()
        cr = self.env.registry.cursor() if own else main
        try:
            if own:
                cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            cr.execute(
                "SELECT pg_advisory_xact_lock(hashtext('don_signal_intake_log'), hashtext(k))"
                " FROM unnest(%s::varchar[]) AS k ORDER BY k",
                [locked],
            )
            if form_key:
                # Under the form's lock and in READ COMMITTED: a parallel
                # request with the same form committed its reference before
                # releasing the lock (see commit below).
                cr.execute(
                    "SELECT reference FROM don_signal_intake_log WHERE key = %s LIMIT 1",
                    [form_key],
                )
                row = cr.fetchone()
                sent = row[0] if row else None
            cr.execute(
                "SELECT key, count(*) FROM don_signal_intake_log"
                " WHERE key = ANY(%s) AND date > %s GROUP BY key",
                [names, fields.Datetime.now() - timedelta(hours=1)],
            )
            counts = dict(cr.fetchall())
            allowed = not sent and all(counts.get(key, 0) < limit for key, limit in keys)
            if allowed and names:
                now = fields.Datetime.now()
                cr.execute(
                    "INSERT INTO don_signal_intake_log (key, date) VALUES "
                    + ",".join(["(%s, %s)"] * len(names)),
                    [value for key in names for value in (key, now)],
                )
        except Exception:
            if own:
                cr.rollback()
                cr.close()
            raise
        if own:
            if not allowed:
                cr.rollback()
                cr.close()
            else:

                def commit():
                    try:
                        # The rate-limit transaction of its own (see the
                        # docstring), never the request's: committed only
                        # after the request's transaction was.
                        cr.commit()  # pylint: disable=invalid-commit
                    finally:
                        cr.close()

                def rollback():
                    try:
                        cr.rollback()
                    finally:
                        cr.close()

                main.postcommit.add(commit)
                main.postrollback.add(rollback)
        return Reservation(allowed, sent)

    @api.model
    def _cron_purge(self):
        """Hourly: forget the submissions of more than an hour ago; once a
        day, a new salt (yesterday's keys can no longer be recomputed)."""
        self.env.cr.execute(
            "DELETE FROM don_signal_intake_log WHERE date < %s",
            [fields.Datetime.now() - timedelta(hours=1)],
        )
        # sudo: technical configuration.
        params = self.env["ir.config_parameter"].sudo()
        today = fields.Date.to_string(fields.Date.today())
        if params.get_param("don_signalen.intake_salt_day") != today:
            params.set_param(SALT_KEY, secrets.token_hex(16))
            params.set_param("don_signalen.intake_salt_day", today)
