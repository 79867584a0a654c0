# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every consultation of personal data is logged, through every channel a
client can use (issue 20): exactly one access log entry per consultation,
none for a user without access, and no context key a client sends switches
the log off.

The models are derived from the registry (every model with
``_don_log_open``), and so are the record, its reader (a user the access
relation lists for it) and the outsider (an internal user it does not list):
a new logged model is covered without a change here. Every call goes over
HTTP as the real user: JSON-RPC (/web/dataset/call_kw, /jsonrpc), XML-RPC
and the report route, with the suppression keys of the server code in the
client's context."""

import copy
import json
import pickle
import xmlrpc.client

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo import api as odoo_api
from odoo import http
from odoo.addons.don_core.tools.internal import INTERNAL, internal_flag
from odoo.tests import HttpCase, tagged

# The keys server code uses to avoid a second log line for one
# consultation. A client sends them as plain JSON values.
CLIENT_KEYS = {
    "don_no_access_log": True,
    "don_report_logged": True,
    "don_timeline_in_form": True,
}
PASSWORD = "Log-kanaal-2026!"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)
# Queries the log adds to one consultation of the messages or files of
# one record, however many: the document references of the rows (one
# query), the young people, involvement and emergency access of the
# record, the INSERT; the chatter's fetch one more (the probe of the
# user's recent opening of the form); the chatter's data (one record, not
# covered by an opening) the young people, involvement, emergency access
# and the INSERT.
# Involvement is one query of the relation table of the involved
# professionals (until 2026-12-03 a read of those users and of their group,
# two queries more).
EXTRA_QUERIES = {"fetch": 7, "messages": 6, "files": 6, "thread": 4}
# The same for the last side channels, counted against the same call made
# by server code: an API read of activities or tracked values, and a
# name_search of files: the document references of the rows (one query),
# the young people, involvement and emergency access of the record, the
# INSERT; a read_group two more (the rows behind the groups: the search of
# the files, as the user, with its access checks); the messages of an action
# task one more (the task's case), the chatter's fetch of them one more (the
# probe of a recent opening).
NEW_EXTRA_QUERIES = {
    "activities": 5,
    "tracking": 5,
    "groups": 7,
    "names": 5,
    "task": 6,
    "task fetch": 7,
}
# What the chatter of a form asks /mail/thread/data for (Odoo 18's chatter).
THREAD_REQUESTS = (
    "activities",
    "attachments",
    "followers",
    "scheduledMessages",
    "suggestedRecipients",
)
# Whatever a client can send as a context value over JSON-RPC.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)


@tagged("post_install", "-at_install", "don_security", "don_privacy")
class TestAccessLogChannels(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["don.access.log"]
        cls.cases = {}
        internal = cls.env["res.users"].search(
            [("share", "=", False), ("id", "not in", (1, cls.env.ref("base.user_admin").id))],
            order="login",
        )
        export = cls.env.ref("don_core.group_don_export") | cls.env.ref("base.group_allow_export")
        for name in sorted(cls.env.registry):
            model = cls.env[name]
            if model._abstract or not getattr(model, "_don_log_open", False):
                continue
            records = model.with_context(active_test=False).search([], order="id")
            access = records._don_users_with_access()
            found = None
            # A reader who may see two records (for a read of several), and
            # an internal user who may see neither.
            for user in internal:
                readable = records.filtered(lambda r, u=user, a=access: u.id in a.get(r.id, ()))
                if len(readable) >= 2:
                    outsiders = internal.filtered(
                        lambda u, r=readable[:2], a=access: all(
                            u.id not in a.get(x.id, ()) for x in r
                        )
                    )
                    if outsiders:
                        found = (readable[:2], user, outsiders[0])
                        break
            if found:
                cls.cases[name] = found
                found[1].groups_id = [(4, group.id) for group in export]
        users = cls.env["res.users"].browse(
            {u.id for _r, reader, outsider in cls.cases.values() for u in (reader, outsider)}
        )
        for user in users:
            user.password = PASSWORD

    def setUp(self):
        super().setUp()
        self.last_id = self.Log.search([], limit=1).id or 0

    def new_logs(self):
        logs = self.Log.search([("id", ">", self.last_id)], order="id")
        self.last_id = max([self.last_id, *logs.ids])
        return logs

    # ------------------------------------------------------------------
    # Channels
    # ------------------------------------------------------------------
    def call_kw(self, user, model, method, args, kwargs=None, context=None):
        if getattr(self, "_session_user", None) != user:
            self.authenticate(user.login, PASSWORD)
            self._session_user = user
        response = self.url_open(
            f"/web/dataset/call_kw/{model}/{method}",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "model": model,
                        "method": method,
                        "args": args,
                        "kwargs": dict(kwargs or {}, context=context or CLIENT_KEYS),
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def execute_kw(self, user, model, method, args, kwargs=None):
        """The external API over /jsonrpc (service object, execute_kw)."""
        response = self.url_open(
            "/jsonrpc",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": {
                        "service": "object",
                        "method": "execute_kw",
                        "args": [
                            self.env.cr.dbname,
                            user.id,
                            PASSWORD,
                            model,
                            method,
                            args,
                            dict(kwargs or {}, context=CLIENT_KEYS),
                        ],
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        return response.json()

    def xmlrpc(self, user, model, method, args, kwargs=None):
        proxy = xmlrpc.client.ServerProxy(f"{self.base_url()}/xmlrpc/2/object")
        try:
            return proxy.execute_kw(
                self.env.cr.dbname,
                user.id,
                PASSWORD,
                model,
                method,
                args,
                dict(kwargs or {}, context=CLIENT_KEYS),
            )
        except xmlrpc.client.Fault as fault:
            return {"error": fault.faultString}

    def assertOneEntry(self, result, records, action, label):
        self.assertNotIn("error", result, label)
        logs = self.new_logs()
        self.assertEqual(len(logs), 1, f"{label}: {logs.mapped('action')}")
        self.assertEqual(logs.action, action, label)
        self.assertEqual(logs.res_model, records._name, label)
        logged = [logs.res_id] if logs.res_id else [int(i) for i in logs.res_ids.split(",")]
        self.assertEqual(sorted(logged), sorted(records.ids), label)

    def assertRefused(self, result, label):
        self.assertIn("error", result, label)
        self.assertFalse(self.new_logs(), f"{label}: refused, yet logged")

    def assertNothingShown(self, result, key, label):
        """The outsider is refused (no read right at all) or gets an empty
        answer: nothing shown, nothing logged."""
        if "error" not in result:
            shown = result["result"][key] if key else result["result"]
            self.assertEqual(shown, [], label)
        self.assertFalse(self.new_logs(), f"{label}: nothing shown, yet logged")

    def each_case(self):
        self.assertTrue(
            {"don.youth", "don.case", "don.case.note", "don.signal"} <= set(self.cases),
            f"no reader and outsider found for: {set(self.cases)}",
        )
        return [(name, *case) for name, case in sorted(self.cases.items())]

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_the_flag_is_not_a_client_value(self):
        env = self.env(context={"don_no_access_log": INTERNAL})
        self.assertTrue(internal_flag(env, "don_no_access_log"))
        for value in (True, 1, "1", "true", {"x": 1}, [1], str(INTERNAL)):
            self.assertFalse(internal_flag(self.env(context={"k": value}), "k"), value)
        with self.assertRaises(TypeError):
            json.dumps({"don_no_access_log": INTERNAL})
        self.assertIs(copy.deepcopy(dict(env.context))["don_no_access_log"], INTERNAL)
        self.assertIs(pickle.loads(pickle.dumps(INTERNAL)), INTERNAL)

    @settings(
        max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(values=st.fixed_dictionaries({}, optional={key: JSON_VALUES for key in CLIENT_KEYS}))
    def test_no_client_value_switches_the_log_off(self, values):
        """Generated: any JSON value for any of the keys, on the form and
        the API read of a case (with its timeline): one entry each."""
        records, reader, _outsider = self.cases["don.case"]
        self.new_logs()
        context = dict(values, lang="en_US")
        for method, args, kwargs, action in (
            ("web_read", [records[:1].ids], {"specification": {"reference": {}}}, "open"),
            ("read", [records[:1].ids, ["timeline_html"]], {}, "open"),
            ("read", [records.ids, ["reference"]], {}, "list"),
        ):
            result = self.call_kw(reader, "don.case", method, args, kwargs, context=context)
            self.assertNotIn("error", result, (method, values))
            logs = self.new_logs()
            self.assertEqual(logs.mapped("action"), [action], (method, values))

    def test_form_over_json_rpc(self):
        for name, records, reader, outsider in self.each_case():
            record = records[:1]
            spec = {"display_name": {}, self.env[name]._rec_name or "display_name": {}}
            result = self.call_kw(reader, name, "web_read", [record.ids], {"specification": spec})
            self.assertOneEntry(result, record, "open", f"{name} form")
            result = self.call_kw(outsider, name, "web_read", [record.ids], {"specification": spec})
            self.assertRefused(result, f"{name} form by outsider")
            # Several records in one web_read (an API call): one list entry.
            result = self.call_kw(reader, name, "web_read", [records.ids], {"specification": spec})
            self.assertOneEntry(result, records, "list", f"{name} web_read of 2")

    def test_list_page_over_json_rpc(self):
        for name, records, reader, outsider in self.each_case():
            spec = {"display_name": {}, "create_date": {}}
            kwargs = {"domain": [("id", "in", records.ids)], "specification": spec}
            result = self.call_kw(reader, name, "web_search_read", [], kwargs)
            self.assertOneEntry(result, records, "list", f"{name} list")
            result = self.call_kw(outsider, name, "web_search_read", [], kwargs)
            self.assertNothingShown(result, "records", f"{name} list by outsider")

    def test_search_read_over_json_rpc(self):
        for name, records, reader, outsider in self.each_case():
            kwargs = {"domain": [("id", "in", records.ids)], "fields": ["display_name"]}
            result = self.call_kw(reader, name, "search_read", [], kwargs)
            self.assertOneEntry(result, records, "list", f"{name} search_read")
            result = self.call_kw(outsider, name, "search_read", [], kwargs)
            self.assertNothingShown(result, None, f"{name} search_read by outsider")

    def test_read_over_every_rpc_channel(self):
        for name, records, reader, outsider in self.each_case():
            fields = ["display_name", "create_date"]
            for label, call in (
                ("call_kw", self.call_kw),
                ("jsonrpc", self.execute_kw),
                ("xmlrpc", self.xmlrpc),
            ):
                result = call(reader, name, "read", [records[:1].ids, fields])
                self.assertOneEntry(result, records[:1], "open", f"{name} read ({label})")
                result = call(reader, name, "read", [records.ids, fields])
                self.assertOneEntry(result, records, "list", f"{name} read of 2 ({label})")
                result = call(outsider, name, "read", [records.ids, fields])
                self.assertRefused(result, f"{name} read by outsider ({label})")
            # The names only, as the web client reads a many2one after a
            # save: not a consultation, as for web_read.
            result = self.call_kw(reader, name, "read", [records.ids, ["display_name"]])
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), f"{name} read of the names")

    def test_export_over_json_rpc(self):
        for name, records, reader, outsider in self.each_case():
            args = [records.ids, ["display_name"]]
            result = self.call_kw(reader, name, "export_data", args)
            self.assertOneEntry(result, records, "export", f"{name} export")
            result = self.call_kw(outsider, name, "export_data", args)
            self.assertRefused(result, f"{name} export by outsider")

    def test_prints_over_the_report_route(self):
        """Every report of a logged model, as HTML over the report route
        (the client's context with don_report_logged): one "print" entry."""
        printed = 0
        for name, records, reader, outsider in self.each_case():
            reports = self.env["ir.actions.report"].search(
                [("model", "=", name), ("report_type", "=", "qweb-pdf")]
            )
            for report in reports:
                record = records[:1]
                context = json.dumps(CLIENT_KEYS)
                url = f"/report/html/{report.report_name}/{record.id}?context={context}"
                self.authenticate(reader.login, PASSWORD)
                self._session_user = None
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200, report.report_name)
                logs = self.new_logs().filtered(lambda log: log.action == "print")
                self.assertEqual(len(logs), 1, report.report_name)
                printed += 1
                self.authenticate(outsider.login, PASSWORD)
                self._session_user = None
                response = self.url_open(url)
                self.assertNotEqual(response.status_code, 200, report.report_name)
                self.assertFalse(self.new_logs(), f"{report.report_name} by outsider")
        self.assertGreaterEqual(printed, 3)

    def test_timeline_over_json_rpc(self):
        """Reading the timeline with don_timeline_in_form in the context:
        logged, once."""
        read = 0
        for name, records, reader, outsider in self.each_case():
            if "timeline_html" not in self.env[name]._fields:
                continue
            args = [records[:1].ids, ["timeline_html"]]
            result = self.call_kw(reader, name, "read", args)
            self.assertOneEntry(result, records[:1], "open", f"{name} timeline")
            self.assertIn("o_don_timeline", result["result"][0]["timeline_html"])
            result = self.call_kw(outsider, name, "read", args)
            self.assertRefused(result, f"{name} timeline by outsider")
            read += 1
        self.assertEqual(read, 2)

    def test_network_over_json_rpc(self):
        records, reader, outsider = self.cases["don.youth"]
        args = ["don.youth", records[0].id]
        result = self.call_kw(reader, "don.network.relation", "get_network", args)
        self.assertNotIn("error", result)
        logs = self.new_logs()
        self.assertEqual(len(logs), 1)
        self.assertEqual(logs.action, "network")
        self.assertIn(records[0], logs.youth_ids)
        result = self.call_kw(outsider, "don.network.relation", "get_network", args)
        self.assertRefused(result, "network by outsider")

    def test_group_labels_over_json_rpc(self):
        """Grouping by a field that names a logged record (a young person, a
        case) shows those names: one entry per call, for the names shown;
        the kanban's progress bars add none."""
        grouped = 0
        for name, records, reader, outsider in self.each_case():
            model = self.env[name]
            fname = next(
                (
                    f.name
                    for f in model._fields.values()
                    if f.type == "many2one"
                    and f.store
                    and getattr(self.env[f.comodel_name], "_don_log_open", False)
                    and records.sudo()[f.name]
                ),
                None,
            )
            if not fname:
                continue
            targets = records.sudo()[fname]
            domain = [("id", "in", records.ids)]
            result = self.call_kw(
                reader,
                name,
                "web_read_group",
                [],
                {"domain": domain, "fields": [], "groupby": [fname]},
            )
            self.assertOneEntry(result, targets, "list", f"{name} grouped by {fname}")
            result = self.call_kw(
                reader, name, "read_group", [], {"domain": domain, "fields": [], "groupby": [fname]}
            )
            self.assertOneEntry(result, targets, "list", f"{name} read_group by {fname}")
            result = self.call_kw(
                outsider,
                name,
                "web_read_group",
                [],
                {"domain": domain, "fields": [], "groupby": [fname]},
            )
            self.assertNothingShown(result, "groups", f"{name} groups by outsider")
            grouped += 1
        self.assertGreaterEqual(grouped, 2)

    def test_groups_labelled_by_personal_data_over_json_rpc(self):
        """Grouping young people by name or date of birth, or aggregating
        their names, shows personal data of the records behind the groups:
        one entry for them; grouped by municipality, no names are shown."""
        records, reader, outsider = self.cases["don.youth"]
        domain = [("id", "in", records.ids)]
        for fields, groupby in (
            ([], ["name"]),
            ([], ["date_of_birth:day"]),
            (["names:array_agg(name)"], ["company_id"]),
            (["name:array_agg"], ["company_id"]),
        ):
            for method in ("web_read_group", "read_group"):
                kwargs = {"domain": domain, "fields": fields, "groupby": groupby}
                result = self.call_kw(reader, "don.youth", method, [], kwargs)
                self.assertOneEntry(result, records, "list", f"{method} {fields} {groupby}")
        for fields in ([], ["id:array_agg"]):
            kwargs = {"domain": domain, "fields": fields, "groupby": ["company_id"]}
            result = self.call_kw(reader, "don.youth", "read_group", [], kwargs)
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), f"grouped by municipality {fields}")
        kwargs = {"domain": domain, "fields": [], "groupby": ["name"]}
        result = self.call_kw(outsider, "don.youth", "read_group", [], kwargs)
        self.assertNothingShown(result, None, "grouped by name by outsider")

    def test_server_side_read_is_not_a_second_entry(self):
        """web_read and search_read read inside: still one entry; a read by
        server code (not dispatched by RPC) is no consultation of its own."""
        records, reader, _outsider = self.cases["don.case"]
        records.with_user(reader).read(["display_name"])
        self.assertFalse(self.new_logs())
        records[:1].with_user(reader).web_read({"display_name": {}, "reference": {}})
        self.assertEqual(len(self.new_logs()), 1)
        records.with_user(reader).search_read([("id", "in", records.ids)], ["reference"])
        self.assertEqual(self.new_logs().mapped("action"), ["list"])

    # ------------------------------------------------------------------
    # Side channels of a logged record: its chatter and its files
    # ------------------------------------------------------------------
    def with_chatter(self):
        """The logged models with a chatter, each record with a note of its
        own (posted by the system)."""
        found = []
        for name, records, reader, outsider in self.each_case():
            if "message_ids" not in self.env[name]._fields:
                continue
            for record in records:
                record.message_post(body=f"Notitie over {record._name} {record.id}")
            found.append((name, records, reader, outsider))
        self.assertTrue({"don.case", "don.youth", "don.signal"} <= {f[0] for f in found})
        return found

    def login(self, user):
        self.authenticate(user.login, PASSWORD)
        self._session_user = user

    def fetch_messages(self, user, record, **params):
        self.login(user)
        return self.make_jsonrpc_request(
            "/mail/thread/messages",
            {"thread_model": record._name, "thread_id": record.id, "limit": 30, **params},
        )

    def test_chatter_over_http(self):
        """The messages of a logged record fetched on their own (the
        chatter's /mail/thread/messages, and its next page): one "chatter"
        entry per page shown, for that record; none for an outsider (the
        messages are hidden from them); none for an empty page."""
        for name, records, reader, outsider in self.with_chatter():
            record = records[:1]
            self.new_logs()
            result = self.fetch_messages(reader, record)
            self.assertTrue(result["messages"], name)
            self.assertOneEntry({}, record, "chatter", f"{name} chatter")
            # The next page (older messages): one more consultation.
            result = self.fetch_messages(reader, record, before=min(result["messages"]), limit=1)
            if result["messages"]:
                self.assertOneEntry({}, record, "chatter", f"{name} chatter, next page")
            # Nothing newer: nothing shown, nothing logged.
            result = self.fetch_messages(reader, record, after=max(record.sudo().message_ids.ids))
            self.assertEqual(result["messages"], [], name)
            self.assertFalse(self.new_logs(), f"{name} empty page")
            result = self.fetch_messages(outsider, record)
            self.assertEqual(result["messages"], [], f"{name} chatter by outsider")
            self.assertFalse(self.new_logs(), f"{name} chatter by outsider, yet logged")

    def test_chatter_of_an_opened_form_is_part_of_the_opening(self):
        """The web client loads a form's chatter by a request of its own,
        right after the form: the form's "open" entry covers it (one entry
        for the form with its chatter); the chatter of another record is
        still a consultation of its own."""
        for name, records, reader, _outsider in self.with_chatter():
            if not self.env[name]._don_log_open:
                continue
            first, second = records[:2]
            spec = {"display_name": {}, "create_date": {}}
            self.call_kw(reader, name, "web_read", [first.ids], {"specification": spec})
            self.assertOneEntry({}, first, "open", f"{name} form")
            result = self.fetch_messages(reader, first)
            self.assertTrue(result["messages"], name)
            self.assertFalse(self.new_logs(), f"{name} chatter of the form just opened")
            self.fetch_messages(reader, second)
            self.assertOneEntry({}, second, "chatter", f"{name} chatter of another record")

    def test_chatter_of_the_inbox_names_each_record(self):
        """Messages of two records fetched together (a search over the
        reader's history, here the messages of two threads): one entry for
        the records whose messages were shown, not one per message."""
        name, records, reader, _outsider = self.with_chatter()[0]
        Message = self.env["mail.message"].with_user(reader)
        domain = [("model", "=", name), ("res_id", "in", records.ids)]
        self.new_logs()
        result = Message._message_fetch(domain, limit=30)
        self.assertGreaterEqual(len(result["messages"]), 2)
        self.assertOneEntry({}, records, "chatter", f"{name} messages of two records")
        # Server code as the superuser or in sudo (a job, a mail gateway)
        # is no consultation.
        Message.sudo()._message_fetch(domain, limit=30)
        self.env["mail.message"]._message_fetch(domain, limit=30)
        self.assertFalse(self.new_logs())

    def test_attachment_download_over_http(self):
        """A file of a logged record served by /web/content and /web/image:
        one "download" entry per file served, for the record it belongs to;
        none for an outsider (refused) nor for a file of another document."""
        png = PNG
        Attachment = self.env["ir.attachment"]
        other = Attachment.create(
            {"name": "contact.txt", "raw": b"x", "res_model": "res.partner", "res_id": 1}
        )
        for name, records, reader, outsider in self.each_case():
            record = records[:1]
            attachment = Attachment.create(
                {
                    "name": "verslag.png",
                    "raw": png,
                    "mimetype": "image/png",
                    "res_model": name,
                    "res_id": record.id,
                }
            )
            self.login(reader)
            self.new_logs()
            for url in (
                f"/web/content/{attachment.id}?download=true",
                f"/web/image/{attachment.id}",
                f"/web/content?model=ir.attachment&id={attachment.id}&field=raw",
            ):
                # Served on a read/write cursor (the routes are read-only
                # otherwise: the entry would fail, and the request be retried).
                with self.assertNoLogs("odoo.http", "WARNING"):
                    response = self.url_open(url)
                self.assertEqual(response.status_code, 200, url)
                self.assertEqual(response.content, png, url)
                self.assertOneEntry({}, record, "download", f"{name} {url}")
            response = self.url_open(f"/web/content/{other.id}")
            self.assertEqual(response.status_code, 200)
            self.assertFalse(self.new_logs(), "a file of a contact")
            self.login(outsider)
            for url in (f"/web/content/{attachment.id}", f"/web/image/{attachment.id}"):
                # Refused (/web/image answers with its placeholder image).
                response = self.url_open(url)
                self.assertNotEqual(response.content, png, f"{name} {url} by outsider")
                self.assertFalse(self.new_logs(), f"{name} {url} by outsider, yet logged")

    def test_attachments_as_one_zip_over_http(self):
        """The files of two records downloaded as one zip (the chatter's
        "download all"): one "download" entry naming both records; refused
        for an outsider, and nothing logged."""
        name, records, reader, outsider = self.with_chatter()[0]
        attachments = self.env["ir.attachment"].create(
            [
                {"name": f"bijlage-{r.id}.txt", "raw": b"x", "res_model": name, "res_id": r.id}
                for r in records
            ]
        )
        for user in (reader, outsider):
            self.login(user)
            self.new_logs()
            response = self.url_open(
                "/mail/attachment/zip",
                data={
                    "file_ids": ",".join(map(str, attachments.ids)),
                    "zip_name": "bijlagen.zip",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
            if user == reader:
                self.assertEqual(response.status_code, 200)
                self.assertOneEntry({}, records, "download", f"{name} zip")
            else:
                self.assertNotEqual(response.status_code, 200)
                self.assertFalse(self.new_logs(), f"{name} zip by outsider, yet logged")

    def test_inzage_lists_chatter_and_files_in_dutch(self):
        """The overview for the person concerned (the data-subject export)
        lists the consultations of their chatter and files, by channel, in
        Dutch."""
        records, reader, _outsider = self.cases["don.youth"]
        youth = records[:1]
        youth.message_post(body="Notitie")
        attachment = self.env["ir.attachment"].create(
            {"name": "brief.txt", "raw": b"x", "res_model": "don.youth", "res_id": youth.id}
        )
        self.fetch_messages(reader, youth)
        self.assertEqual(self.url_open(f"/web/content/{attachment.id}").status_code, 200)
        # As the privacy officer's export, in Dutch.
        dutch = youth.with_context(lang="nl_NL")
        rows = dutch.env["don.privacy"]._export_youth(dutch)["don.access.log"]
        shown = {(row["action"], row["res_model"]) for row in rows if row["user_id"]}
        self.assertIn(("Berichten gelezen", "Jongere"), shown)
        self.assertIn(("Bestand gedownload", "Jongere"), shown)

    # ------------------------------------------------------------------
    # Thumbnails, the chatter's data and the API's reads of side records
    # ------------------------------------------------------------------
    def photos(self, record, count):
        return self.env["ir.attachment"].create(
            [
                {
                    "name": f"foto-{record.id}-{i}.png",
                    "raw": PNG,
                    "mimetype": "image/png",
                    "res_model": record._name,
                    "res_id": record.id,
                }
                for i in range(count)
            ]
        )

    def open_form(self, user, record):
        spec = {"display_name": {}, "create_date": {}}
        result = self.call_kw(user, record._name, "web_read", [record.ids], {"specification": spec})
        self.assertOneEntry(result, record, "open", f"{record._name} form")

    def thread_data(self, user, record, request_list=THREAD_REQUESTS):
        self.login(user)
        # On a read/write cursor for a DON document (the route is read-only
        # otherwise: the entry would fail, and the request be retried).
        with self.assertNoLogs("odoo.http", "WARNING"):
            return self.make_jsonrpc_request(
                "/mail/thread/data",
                {
                    "thread_model": record._name,
                    "thread_id": record.id,
                    "request_list": list(request_list),
                },
            )

    def thumbnail(self, attachment):
        # As the chatter's attachment list asks for an image.
        return self.url_open(
            f"/web/image/{attachment.id}?filename={attachment.name}"
            f"&unique={attachment.checksum}&width=3840&height=600"
        )

    def test_opening_a_case_with_photos_is_one_entry(self):
        """A case with 6 photos opened as the web client does (the form,
        then its chatter's data, messages and thumbnails, in requests of
        their own): one entry, the opening. A photo of the same case
        downloaded is one entry more; a thumbnail of a case whose form was
        not opened is a consultation of its own."""
        records, reader, _outsider = self.cases["don.case"]
        case, other = records[:2]
        case.message_post(body="Foto's van de situatie")
        photos = self.photos(case, 6)
        self.new_logs()
        self.open_form(reader, case)
        result = self.thread_data(reader, case)
        self.assertEqual(len(result["ir.attachment"]), 6)
        self.assertTrue(self.fetch_messages(reader, case)["messages"])
        for photo in photos:
            with self.assertNoLogs("odoo.http", "WARNING"):
                response = self.thumbnail(photo)
            self.assertEqual(response.content, PNG)
        # The file viewer (no download asked) shows a photo of the form too.
        self.assertEqual(self.url_open(f"/web/content/{photos[0].id}").content, PNG)
        self.assertFalse(self.new_logs(), "thumbnails of the form just opened")
        for url in (
            f"/web/content/{photos[0].id}?download=true",
            f"/web/image/{photos[1].id}?download=true",
        ):
            response = self.url_open(url)
            self.assertEqual(response.content, PNG, url)
            self.assertOneEntry({}, case, "download", f"download after the opening: {url}")
        # Another case's photo: its form was not opened.
        [photo] = self.photos(other, 1)
        self.assertEqual(self.thumbnail(photo).content, PNG)
        self.assertOneEntry({}, other, "download", "thumbnail without the form")

    def test_thumbnail_needs_the_users_own_recent_opening(self):
        """The opening that covers a thumbnail is in the log, the user's own
        and recent: another user's opening, or the user's own of more than
        FORM_MINUTES ago, does not cover it."""
        records, reader, _outsider = self.cases["don.case"]
        case = records[:1]
        [photo] = self.photos(case, 1)
        for user_id, minutes in ((self.env.ref("base.user_admin").id, 0), (reader.id, 11)):
            self.env.cr.execute(
                """INSERT INTO don_access_log (date, user_id, action, res_model, res_id)
                   VALUES ((now() AT TIME ZONE 'UTC') - %s * interval '1 minute',
                           %s, 'open', %s, %s)""",
                [minutes, user_id, case._name, case.id],
            )
        self.new_logs()
        self.login(reader)
        self.assertEqual(self.thumbnail(photo).content, PNG)
        self.assertOneEntry({}, case, "download", "thumbnail without a recent opening")

    def test_chatter_data_over_http(self):
        """/mail/thread/data of a logged record (its files with their names,
        followers, activities) fetched on its own: one "thread" entry; none
        when the form was opened just now (the chatter loads it right after
        the form), none for an empty request, none for an outsider (refused:
        nothing shown)."""
        for name, records, reader, outsider in self.with_chatter():
            first, second = records[:2]
            self.photos(first, 2)
            self.new_logs()
            result = self.thread_data(reader, first)
            self.assertEqual(len(result["ir.attachment"]), 2, name)
            self.assertOneEntry({}, first, "thread", f"{name} chatter data")
            self.thread_data(reader, first, request_list=[])
            self.assertFalse(self.new_logs(), f"{name} chatter data, nothing asked")
            result = self.thread_data(outsider, first)
            self.assertNotIn("ir.attachment", result, f"{name} chatter data by outsider")
            self.assertFalse(self.new_logs(), f"{name} chatter data by outsider, yet logged")
            if self.env[name]._don_log_open:
                self.open_form(reader, second)
                self.thread_data(reader, second)
                self.assertFalse(self.new_logs(), f"{name} chatter data of the form just opened")

    def test_messages_over_the_api(self):
        """Messages of logged records read through the API (read,
        search_read, web_read, web_search_read; call_kw, /jsonrpc, XML-RPC):
        one "chatter" entry per call for the records whose messages were
        shown, not one per message; none for an outsider."""
        for name, records, reader, outsider in self.with_chatter():
            domain = [("model", "=", name), ("res_id", "in", records.ids)]
            messages = self.env["mail.message"].search(domain)
            self.assertGreaterEqual(len(messages), 2)
            spec = {"body": {}, "author_id": {"fields": {"display_name": {}}}}
            self.new_logs()
            for label, call, method, args, kwargs in (
                ("call_kw", self.call_kw, "search_read", [domain, ["body"]], {}),
                ("call_kw", self.call_kw, "read", [messages.ids, ["body", "record_name"]], {}),
                ("call_kw", self.call_kw, "web_read", [messages.ids], {"specification": spec}),
                (
                    "call_kw",
                    self.call_kw,
                    "web_search_read",
                    [],
                    {"domain": domain, "specification": spec},
                ),
                ("jsonrpc", self.execute_kw, "search_read", [domain, ["body"]], {}),
                ("xmlrpc", self.xmlrpc, "read", [messages.ids, ["body"]], {}),
            ):
                # A read/write cursor for it (no read-only retry).
                with self.assertNoLogs("odoo.http", "WARNING"):
                    result = call(reader, "mail.message", method, args, kwargs)
                self.assertOneEntry(result, records, "chatter", f"{name} {method} ({label})")
            # The bare ids show nothing.
            result = self.call_kw(reader, "mail.message", "read", [messages.ids, ["id"]])
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), f"{name} ids of the messages")
            result = self.call_kw(outsider, "mail.message", "search_read", [domain, ["body"]])
            self.assertNothingShown(result, None, f"{name} messages by outsider")
            result = self.call_kw(outsider, "mail.message", "read", [messages.ids, ["body"]])
            self.assertRefused(result, f"{name} read of the messages by outsider")

    def test_messages_of_two_models_over_the_api(self):
        """One call showing messages of two kinds of records: one entry per
        kind, each naming its records."""
        chatter, by_reader = {}, {}
        for name, records, reader, _outsider in self.with_chatter():
            chatter[name] = records
            by_reader.setdefault(reader, []).append(name)
        reader, names = next((r, sorted(n)[:2]) for r, n in by_reader.items() if len(n) >= 2)
        domain = [
            "|",
            "&",
            ("model", "=", names[0]),
            ("res_id", "in", chatter[names[0]].ids),
            "&",
            ("model", "=", names[1]),
            ("res_id", "in", chatter[names[1]].ids),
        ]
        self.new_logs()
        result = self.call_kw(reader, "mail.message", "search_read", [domain, ["body"]])
        self.assertNotIn("error", result)
        logs = self.new_logs()
        self.assertEqual(sorted(logs.mapped("res_model")), names)
        self.assertEqual(set(logs.mapped("action")), {"chatter"})
        for log in logs:
            logged = sorted(int(i) for i in log.res_ids.split(","))
            self.assertEqual(logged, sorted(chatter[log.res_model].ids), log.res_model)

    def test_files_over_the_api(self):
        """Files of logged records read through the API: their content
        (datas, raw, db_datas) is a "download", their names alone a "files"
        entry, one per call; other fields (the type) and files of other
        documents are none; none for an outsider."""
        other = self.env["ir.attachment"].create(
            {"name": "contact.txt", "raw": b"x", "res_model": "res.partner", "res_id": 1}
        )
        for name, records, reader, outsider in self.each_case():
            files = self.photos(records[0], 2) | self.photos(records[1], 1)
            domain = [("res_model", "=", name), ("res_id", "in", records.ids)]
            self.new_logs()
            for label, call, method, args, kwargs, action in (
                ("call_kw", self.call_kw, "search_read", [domain, ["name"]], {}, "files"),
                ("call_kw", self.call_kw, "read", [files.ids, ["datas"]], {}, "download"),
                ("call_kw", self.call_kw, "read", [files.ids, ["datas", "name"]], {}, "download"),
                (
                    "call_kw",
                    self.call_kw,
                    "web_search_read",
                    [],
                    {"domain": domain, "specification": {"name": {}, "mimetype": {}}},
                    "files",
                ),
                (
                    "call_kw",
                    self.call_kw,
                    "web_read",
                    [files.ids],
                    {"specification": {"db_datas": {}}},
                    "download",
                ),
                ("jsonrpc", self.execute_kw, "search_read", [domain, ["datas"]], {}, "download"),
                ("xmlrpc", self.xmlrpc, "read", [files.ids, ["name"]], {}, "files"),
            ):
                with self.assertNoLogs("odoo.http", "WARNING"):
                    result = call(reader, "ir.attachment", method, args, kwargs)
                self.assertOneEntry(result, records, action, f"{name} {method} ({label})")
            result = self.call_kw(reader, "ir.attachment", "read", [files.ids, ["mimetype"]])
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), f"{name} type of the files")
            result = self.call_kw(reader, "ir.attachment", "read", [other.ids, ["datas", "name"]])
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), "a file of a contact")
            result = self.call_kw(outsider, "ir.attachment", "search_read", [domain, ["datas"]])
            self.assertNothingShown(result, None, f"{name} files by outsider")
            result = self.call_kw(outsider, "ir.attachment", "read", [files.ids, ["datas"]])
            self.assertRefused(result, f"{name} read of the files by outsider")

    def test_internal_reads_of_messages_and_files_are_no_entry(self):
        """Server code reading messages and files (the chatter's fetch logs
        itself, the data-subject export, a PDF): not through the RPC
        dispatcher, no entry; the superuser's API call neither."""
        name, records, reader, _outsider = self.with_chatter()[0]
        self.photos(records[0], 1)
        msg_domain = [("model", "=", name), ("res_id", "in", records.ids)]
        att_domain = [("res_model", "=", name), ("res_id", "in", records.ids)]
        Message = self.env["mail.message"].with_user(reader)
        Attachment = self.env["ir.attachment"].with_user(reader)
        self.new_logs()
        messages = Message.search(msg_domain)
        files = Attachment.search(att_domain)
        self.assertTrue(messages and files)
        messages.read(["body"])
        Message.search_read(msg_domain, ["body"])
        messages.web_read({"body": {}})
        Message.web_search_read(msg_domain, {"body": {}})
        files.read(["datas", "name"])
        Attachment.search_read(att_domain, ["raw"])
        Attachment.web_search_read(att_domain, {"name": {}})
        self.assertFalse(self.new_logs(), "server code reading messages and files")
        # The data-subject export of the young person reads their chatter
        # and files: no consultation of its own (it is logged as a request).
        youths, _r, _o = self.cases["don.youth"]
        youths[:1].message_post(body="Notitie")
        self.env["don.privacy"]._export_youth(youths[:1])
        self.assertFalse(
            self.new_logs().filtered(lambda log: log.action in ("chatter", "download", "files")),
            "the export read the messages and files",
        )
        # The dispatcher, as the superuser (a script on the server).
        api_call = self.env["mail.message"].sudo()
        result = odoo_api.call_kw(api_call, "search_read", [msg_domain, ["body"]], {})
        self.assertTrue(result)
        self.assertFalse(self.new_logs(), "superuser")

    def test_cost_of_the_log_is_constant_in_the_number_of_messages_and_files(self):
        """The log adds the same number of queries to the chatter's fetch
        and to an API read of the messages or files of a record, whether it
        has 2 or 6 more messages and files: no query per message or file."""
        records, reader, _outsider = self.cases["don.case"]
        record = records[:1]
        env = self.env["mail.message"].with_user(reader).env
        quiet = env(context=dict(env.context, don_no_access_log=INTERNAL))
        msg_domain = [("model", "=", record._name), ("res_id", "=", record.id)]
        att_domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        # Each path as logged, and the same read without the log (the
        # chatter's fetch with the server's flag, the read called by server
        # code instead of the RPC dispatcher).
        paths = {
            "fetch": (
                lambda: env["mail.message"]._message_fetch(msg_domain, limit=30)["messages"],
                lambda: quiet["mail.message"]._message_fetch(msg_domain, limit=30)["messages"],
            ),
            "messages": (
                lambda: odoo_api.call_kw(
                    env["mail.message"], "search_read", [msg_domain, ["body"]], {}
                ),
                lambda: env["mail.message"].search_read(msg_domain, ["body"]),
            ),
            "files": (
                lambda: odoo_api.call_kw(
                    env["ir.attachment"], "search_read", [att_domain, ["name", "datas"]], {}
                ),
                lambda: env["ir.attachment"].search_read(att_domain, ["name", "datas"]),
            ),
        }
        added = 0
        for size in (2, 6):
            for i in range(added, size):
                record.message_post(body=f"Bericht {i}")
            self.photos(record, size - added)
            added = size
            for path, (run, run_quiet) in paths.items():
                # Warm the caches of the registry (the user's roles, the
                # secured models), then count on an empty record cache.
                run_quiet()
                run()
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                self.assertGreaterEqual(len(run_quiet()), size, path)
                base = self.env.cr.sql_log_count - before
                self.env.invalidate_all()
                before = self.env.cr.sql_log_count
                with self.assertQueryCount(base + EXTRA_QUERIES[path]):
                    run()
                self.assertEqual(
                    self.env.cr.sql_log_count - before - base,
                    EXTRA_QUERIES[path],
                    f"{path}: queries of the log with {size} messages and files",
                )
                logs = self.new_logs()
                self.assertEqual(len(logs), 2, f"{path}: the warming call and the counted one")
                self.assertEqual(set(logs.mapped("res_id")), {record.id})

    def test_inzage_lists_file_names_and_chatter_data_in_dutch(self):
        """The new consultations (the file names read through the API, the
        chatter's data fetched without the form) in the overview for the
        person concerned, in Dutch."""
        records, reader, _outsider = self.cases["don.youth"]
        youth = records[:1]
        self.photos(youth, 1)
        domain = [("res_model", "=", "don.youth"), ("res_id", "=", youth.id)]
        result = self.call_kw(reader, "ir.attachment", "search_read", [domain, ["name"]])
        self.assertTrue(result["result"])
        self.thread_data(reader, youth)
        dutch = youth.with_context(lang="nl_NL")
        rows = dutch.env["don.privacy"]._export_youth(dutch)["don.access.log"]
        shown = {(row["action"], row["res_model"]) for row in rows if row["user_id"]}
        self.assertIn(("Bestandsnamen gelezen", "Jongere"), shown)
        self.assertIn(("Chattergegevens bekeken", "Jongere"), shown)

    def test_read_of_no_fields_is_a_read_of_every_field(self):
        """``read(ids, [])`` and ``search_read(domain, [])`` return every
        field (the ORM reads no fields as all of them): logged like a read
        of every field, on a logged record and its messages. (Every field
        of a file is refused to a user: the voice metadata it includes is
        for administrators.)"""
        for name, records, reader, _outsider in self.with_chatter():
            record = records[:1]
            self.new_logs()
            result = self.call_kw(reader, name, "read", [record.ids, []])
            self.assertOneEntry(result, record, "open", f"{name} read of no fields")
            domain = [("model", "=", name), ("res_id", "=", record.id)]
            messages = self.env["mail.message"].search(domain)
            result = self.call_kw(reader, "mail.message", "read", [messages.ids, []])
            self.assertOneEntry(result, record, "chatter", f"{name} messages, no fields")
            result = self.call_kw(reader, "mail.message", "search_read", [domain, []])
            self.assertOneEntry(result, record, "chatter", f"{name} search_read, no fields")

    def test_cost_of_the_chatter_data_log_is_constant_in_the_number_of_files(self):
        """/mail/thread/data of a record with 2 or 6 files: the entry adds
        the same queries (over HTTP, counted on the test cursor the server
        uses), compared with the same request covered by an opening."""
        records, reader, _outsider = self.cases["don.case"]
        record = records[:1]
        self.login(reader)
        added = 0
        for size in (2, 6):
            self.photos(record, size - added)
            added = size
            self.thread_data(reader, record)  # warm the caches of the registry
            self.new_logs()
            self.env.cr.execute(
                """INSERT INTO don_access_log (date, user_id, action, res_model, res_id)
                   VALUES (now() AT TIME ZONE 'UTC', %s, 'open', %s, %s) RETURNING id""",
                [reader.id, record._name, record.id],
            )
            [(opening,)] = self.env.cr.fetchall()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            result = self.thread_data(reader, record)
            base = self.env.cr.sql_log_count - before
            self.assertEqual(len(result["ir.attachment"]), size)
            self.assertFalse(self.new_logs().filtered(lambda log: log.action == "thread"))
            # Without the opening: the same request writes its entry.
            self.env.cr.execute("DELETE FROM don_access_log WHERE id = %s", [opening])
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            with self.assertQueryCount(base + EXTRA_QUERIES["thread"]):
                self.thread_data(reader, record)
            self.assertEqual(
                self.env.cr.sql_log_count - before - base, EXTRA_QUERIES["thread"], size
            )
            self.assertEqual(self.new_logs().mapped("action"), ["thread"], size)

    # ------------------------------------------------------------------
    # Activities, tracked values, groups and names of side records, and
    # the side records of action tasks (issue 20, the last side channels)
    # ------------------------------------------------------------------
    def activities(self, record, user, count):
        return self.env["mail.activity"].create(
            [
                {
                    "res_model_id": self.env["ir.model"]._get_id(record._name),
                    "res_id": record.id,
                    "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                    "summary": f"Gesprek met moeder {record.id}-{i}",
                    "note": "<p>Zorgen over thuissituatie</p>",
                    "user_id": user.id,
                }
                for i in range(count)
            ]
        )

    def char_field(self, record):
        return self.env["ir.model.fields"].search(
            [("model", "=", record._name), ("ttype", "=", "char"), ("store", "=", True)],
            limit=1,
        )

    def tracked(self, record, count, message=None):
        """``count`` tracked values of a char field of ``record``, on a
        message of its chatter."""
        message = message or record.message_post(body="Wijziging")
        return self.env["mail.tracking.value"].create(
            [
                {
                    "field_id": self.char_field(record).id,
                    "old_value_char": f"Oude waarde {i}",
                    "new_value_char": f"Nieuwe waarde {i}",
                    "mail_message_id": message.id,
                }
                for i in range(count)
            ]
        )

    def action_task(self, case, user):
        """An action task of ``case`` in a DON project, assigned to ``user``."""
        project = self.env["project.project"].create(
            {"name": "DON Logdorp", "is_don_project": True, "company_id": case.company_id.id}
        )
        return self.env["project.task"].create(
            {
                "name": "Actie: gesprek school",
                "project_id": project.id,
                "don_case_id": case.id,
                "user_ids": [(6, 0, user.ids)],
                "company_id": case.company_id.id,
            }
        )

    def test_activities_over_the_api(self):
        """Activities of logged records read through the API (their summary
        and note): one "activities" entry per call, for their records; the
        bare ids none; none for an outsider."""
        tried = 0
        for name, records, reader, outsider in self.each_case():
            if "activity_ids" not in self.env[name]._fields:
                continue
            acts = self.activities(records[0], reader, 2) | self.activities(records[1], reader, 1)
            domain = [("res_model", "=", name), ("res_id", "in", records.ids)]
            self.new_logs()
            for label, call, method, args, kwargs in (
                ("call_kw", self.call_kw, "search_read", [domain, ["summary", "note"]], {}),
                ("call_kw", self.call_kw, "read", [acts.ids, ["note"]], {}),
                ("call_kw", self.call_kw, "web_read", [acts.ids], {"specification": {"note": {}}}),
                (
                    "call_kw",
                    self.call_kw,
                    "web_search_read",
                    [],
                    {"domain": domain, "specification": {"summary": {}}},
                ),
                ("jsonrpc", self.execute_kw, "search_read", [domain, ["note"]], {}),
                ("xmlrpc", self.xmlrpc, "read", [acts.ids, ["summary"]], {}),
            ):
                with self.assertNoLogs("odoo.http", "WARNING"):
                    result = call(reader, "mail.activity", method, args, kwargs)
                self.assertOneEntry(result, records, "activities", f"{name} {method} ({label})")
            result = self.call_kw(reader, "mail.activity", "read", [acts.ids, ["id"]])
            self.assertNotIn("error", result)
            self.assertFalse(self.new_logs(), f"{name} ids of the activities")
            result = self.call_kw(outsider, "mail.activity", "search_read", [domain, ["note"]])
            self.assertNothingShown(result, None, f"{name} activities by outsider")
            result = self.call_kw(outsider, "mail.activity", "read", [acts.ids, ["note"]])
            self.assertRefused(result, f"{name} read of the activities by outsider")
            tried += 1
        self.assertGreaterEqual(tried, 2)

    def test_tracked_values_over_the_api(self):
        """The old and new values of tracked fields (readable through the
        API by a settings administrator only): one "tracking" entry per call,
        for the records of their messages; which field changed is none; none
        for an outsider."""
        records, reader, outsider = self.cases["don.case"]
        system = self.env.ref("base.group_system")
        (reader | outsider).groups_id = [(4, system.id)]
        self.env.flush_all()
        values = self.tracked(records[0], 2) | self.tracked(records[1], 1)
        domain = [("mail_message_id", "in", values.mail_message_id.ids)]
        self.new_logs()
        for label, call, method, args in (
            ("call_kw", self.call_kw, "search_read", [domain, ["old_value_char"]]),
            ("call_kw", self.call_kw, "read", [values.ids, ["new_value_char", "field_id"]]),
            ("call_kw", self.call_kw, "read", [values.ids, []]),
            ("xmlrpc", self.xmlrpc, "search_read", [domain, ["new_value_char"]]),
        ):
            with self.assertNoLogs("odoo.http", "WARNING"):
                result = call(reader, "mail.tracking.value", method, args)
            self.assertOneEntry(result, records, "tracking", f"tracking {method} ({label})")
        result = self.call_kw(reader, "mail.tracking.value", "read", [values.ids, ["field_id"]])
        self.assertNotIn("error", result)
        self.assertFalse(self.new_logs(), "which field changed")
        result = self.call_kw(
            outsider, "mail.tracking.value", "search_read", [domain, ["old_value_char"]]
        )
        self.assertNothingShown(result, None, "tracked values by outsider")

    def test_groups_and_names_of_side_records_over_the_api(self):
        """Messages, files and activities grouped by their record (which
        records have them) or named (name_search: the names of the files)
        through the API: one entry per call, for the records behind the
        groups, as a read of them; web_read_group one, not two. A count per
        model of record (grouped by the model column) shows nothing of any
        record: no entry. None for an outsider."""
        records, reader, outsider = self.cases["don.case"]
        for record in records:
            record.message_post(body=f"Notitie {record.id}")
        self.photos(records[0], 2)
        self.photos(records[1], 1)
        self.activities(records[0], reader, 1)
        self.activities(records[1], reader, 1)
        name = records._name
        domains = {
            "mail.message": [("model", "=", name), ("res_id", "in", records.ids)],
            "ir.attachment": [("res_model", "=", name), ("res_id", "in", records.ids)],
            "mail.activity": [("res_model", "=", name), ("res_id", "in", records.ids)],
        }
        actions = {
            "mail.message": "chatter",
            "ir.attachment": "files",
            "mail.activity": "activities",
        }
        model_column = {"mail.message": "model", "ir.attachment": "res_model"}
        self.new_logs()
        for side, domain in domains.items():
            action = actions[side]
            for method, kwargs in (
                ("read_group", {"domain": domain, "fields": [], "groupby": ["res_id"]}),
                ("web_read_group", {"domain": domain, "fields": [], "groupby": ["res_id"]}),
                (
                    "read_group",
                    {"domain": domain, "fields": ["ids:array_agg(res_id)"], "groupby": []},
                ),
                ("name_search", {"name": "", "args": domain}),
            ):
                with self.assertNoLogs("odoo.http", "WARNING"):
                    result = self.call_kw(reader, side, method, [], kwargs)
                self.assertOneEntry(result, records, action, f"{side} {method} {kwargs}")
            # A count per model of record: nothing of a record shown.
            column = model_column.get(side, "res_model")
            result = self.call_kw(
                reader,
                side,
                "read_group",
                [],
                {"domain": domain, "fields": [], "groupby": [column]},
            )
            self.assertEqual(
                result["result"][0][f"{column}_count"], len(self.env[side].search(domain))
            )
            self.assertFalse(self.new_logs(), f"{side} count per model")
            result = self.call_kw(
                outsider,
                side,
                "web_read_group",
                [],
                {"domain": domain, "fields": [], "groupby": ["res_id"]},
            )
            self.assertNothingShown(result, "groups", f"{side} groups by outsider")
            result = self.call_kw(outsider, side, "name_search", [], {"name": "", "args": domain})
            self.assertNothingShown(result, None, f"{side} names by outsider")
        # A file's type alone is no consultation (as for a read of it).
        result = self.call_kw(
            reader,
            "ir.attachment",
            "read_group",
            [],
            {"domain": domains["ir.attachment"], "fields": [], "groupby": ["mimetype"]},
        )
        self.assertNotIn("error", result)
        self.assertFalse(self.new_logs(), "files grouped by type")

    def test_side_records_of_an_action_task_are_the_cases(self):
        """The messages, files and activities of an action task of a case
        are consultations of the case: its chatter fetched, its chatter's
        data, a file downloaded or its thumbnail, and the API's reads of
        them each write one entry for the case; a task of no case none; an
        outsider of the case sees nothing and is not logged."""
        records, reader, outsider = self.cases["don.case"]
        case = records[:1]
        task = self.action_task(case, reader)
        task.message_post(body="Gesprek met de mentor gepland")
        photo = self.photos(task, 1)
        self.activities(task, reader, 1)
        msg_domain = [("model", "=", "project.task"), ("res_id", "=", task.id)]
        att_domain = [("res_model", "=", "project.task"), ("res_id", "=", task.id)]
        self.new_logs()
        self.assertTrue(self.fetch_messages(reader, task)["messages"])
        self.assertOneEntry({}, case, "chatter", "the task's chatter")
        result = self.thread_data(reader, task)
        self.assertEqual(len(result["ir.attachment"]), 1)
        self.assertOneEntry({}, case, "thread", "the task's chatter data")
        for url in (f"/web/content/{photo.id}?download=true", f"/web/image/{photo.id}"):
            with self.assertNoLogs("odoo.http", "WARNING"):
                response = self.url_open(url)
            self.assertEqual(response.content, PNG, url)
            self.assertOneEntry({}, case, "download", f"the task's file {url}")
        for side, args, action in (
            ("mail.message", [msg_domain, ["body"]], "chatter"),
            ("ir.attachment", [att_domain, ["name"]], "files"),
            ("mail.activity", [att_domain, ["note"]], "activities"),
        ):
            result = self.call_kw(reader, side, "search_read", args)
            self.assertTrue(result["result"], side)
            self.assertOneEntry(result, case, action, f"the task's {side}")
        result = self.call_kw(
            reader,
            "ir.attachment",
            "read_group",
            [],
            {"domain": att_domain, "fields": [], "groupby": ["res_id"]},
        )
        self.assertOneEntry(result, case, "files", "the task's files grouped")
        # A task of no case is no DON document.
        task.don_case_id = False
        self.env.flush_all()
        result = self.call_kw(reader, "mail.message", "search_read", [msg_domain, ["body"]])
        self.assertTrue(result["result"])
        self.assertFalse(self.new_logs(), "a task of no case")
        task.don_case_id = case
        self.env.flush_all()
        for side, args in (
            ("mail.message", [msg_domain, ["body"]]),
            ("ir.attachment", [att_domain, ["name"]]),
            ("mail.activity", [att_domain, ["note"]]),
        ):
            result = self.call_kw(outsider, side, "search_read", args)
            self.assertNothingShown(result, None, f"the task's {side} by outsider")
        self.login(outsider)
        response = self.url_open(f"/web/content/{photo.id}?download=true")
        self.assertNotEqual(response.content, PNG)
        self.assertFalse(self.new_logs(), "the task's file by outsider")

    def test_inzage_lists_activities_and_changes_in_dutch(self):
        """The new consultations in the overview for the person concerned,
        in Dutch."""
        records, reader, _outsider = self.cases["don.youth"]
        youth = records[:1]
        self.activities(youth, reader, 1)
        domain = [("res_model", "=", "don.youth"), ("res_id", "=", youth.id)]
        result = self.call_kw(reader, "mail.activity", "search_read", [domain, ["note"]])
        self.assertTrue(result["result"])
        reader.groups_id = [(4, self.env.ref("base.group_system").id)]
        values = self.tracked(youth, 1)
        self.env.flush_all()
        result = self.call_kw(
            reader, "mail.tracking.value", "read", [values.ids, ["new_value_char"]]
        )
        self.assertTrue(result["result"])
        dutch = youth.with_context(lang="nl_NL")
        rows = dutch.env["don.privacy"]._export_youth(dutch)["don.access.log"]
        shown = {(row["action"], row["res_model"]) for row in rows if row["user_id"]}
        self.assertIn(("Activiteiten gelezen", "Jongere"), shown)
        self.assertIn(("Wijzigingen gelezen", "Jongere"), shown)

    def test_cost_of_the_new_side_channels_is_constant(self):
        """The log adds the same number of queries to an API read of the
        activities or tracked values of a record, to a read_group and a
        name_search of its files, and to an API read and the chatter's fetch
        of the messages of its action task, whether there are 2 or 6 more:
        no query per row."""
        records, reader, _outsider = self.cases["don.case"]
        record = records[:1]
        reader.groups_id = [(4, self.env.ref("base.group_system").id)]
        task = self.action_task(record, reader)
        self.env.flush_all()
        message = record.message_post(body="Wijzigingen")
        env = self.env["mail.message"].with_user(reader).env
        quiet = env(context=dict(env.context, don_no_access_log=INTERNAL))
        act_domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        att_domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        trk_domain = [("mail_message_id", "=", message.id)]
        task_domain = [("model", "=", "project.task"), ("res_id", "=", task.id)]

        def rpc(model, method, *args, **kwargs):
            return lambda: odoo_api.call_kw(env[model], method, list(args), kwargs)

        def server(model, method, *args, **kwargs):
            return lambda: getattr(env[model], method)(*args, **kwargs)

        paths = {
            "activities": (
                rpc("mail.activity", "search_read", act_domain, ["note"]),
                server("mail.activity", "search_read", act_domain, ["note"]),
            ),
            "tracking": (
                rpc("mail.tracking.value", "search_read", trk_domain, ["new_value_char"]),
                server("mail.tracking.value", "search_read", trk_domain, ["new_value_char"]),
            ),
            "groups": (
                rpc("ir.attachment", "read_group", att_domain, [], ["res_id"], lazy=False),
                server("ir.attachment", "read_group", att_domain, [], ["res_id"], lazy=False),
            ),
            "names": (
                rpc("ir.attachment", "name_search", "", att_domain),
                server("ir.attachment", "name_search", "", att_domain),
            ),
            "task": (
                rpc("mail.message", "search_read", task_domain, ["body"]),
                server("mail.message", "search_read", task_domain, ["body"]),
            ),
            "task fetch": (
                lambda: env["mail.message"]._message_fetch(task_domain, limit=30)["messages"],
                lambda: quiet["mail.message"]._message_fetch(task_domain, limit=30)["messages"],
            ),
        }
        added = 0
        extra = {}
        for size in (2, 6):
            self.activities(record, reader, size - added)
            self.tracked(record, size - added, message)
            self.photos(record, size - added)
            for i in range(added, size):
                task.message_post(body=f"Actiebericht {i}")
            added = size
            # Written (and recomputed) now, not by the first path counted.
            self.env.flush_all()
            for path, (run, run_quiet) in paths.items():
                # Warm the caches of the registry (the user's roles, the
                # secured models), then count each on an empty record cache.
                run_quiet()
                run()
                counts = {}
                for label, call in (("quiet", run_quiet), ("logged", run)):
                    self.env.invalidate_all()
                    before = self.env.cr.sql_log_count
                    call()
                    counts[label] = self.env.cr.sql_log_count - before
                extra[path, size] = counts["logged"] - counts["quiet"]
                self.env.invalidate_all()
                with self.assertQueryCount(counts["quiet"] + NEW_EXTRA_QUERIES[path]):
                    run()
                logs = self.new_logs()
                self.assertEqual(len(logs), 3, f"{path}: the warming call and the counted ones")
                self.assertEqual(set(logs.mapped("res_id")), {record.id}, path)
        self.maxDiff = None
        # The same queries for 2 and 6 rows, the ones of the log listed above.
        self.assertEqual(
            extra, {(path, size): NEW_EXTRA_QUERIES[path] for path in paths for size in (2, 6)}
        )
