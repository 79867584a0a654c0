# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models, tools
from odoo.exceptions import AccessError
from odoo.http import request
from odoo.tools import SQL

PURPOSES = [
    ("involved", "Work on the case (involved)"),
    ("kernteam", "Kernteam task"),
    ("domain", "Own domain or shared information"),
    ("emergency", "Emergency access with a stated reason"),
    ("privacy", "Privacy officer: data-subject request"),
    ("mayor", "Mayor: decision on a measure"),
]

# The chatter of a form is loaded by a request of its own, right after the
# form (and again for its next pages or a new message): within this many
# minutes of the user's opening of the record it is part of that opening.
FORM_MINUTES = 10


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
        [
            ("open", "Opened"),
            ("list", "Listed"),
            ("network", "Network viewed"),
            ("export", "Exported"),
            ("print", "Printed"),
            ("chatter", "Messages read"),
            ("download", "File downloaded"),
            ("files", "File names read"),
            ("thread", "Chatter details viewed"),
            ("activities", "Activities read"),
            ("tracking", "Changes read"),
            ("emergency", "Emergency access"),
            ("disclosure", "Shared outside DON"),
        ],
        string="Consultation",
        required=True,
        readonly=True,
        default="open",
    )
    purpose = fields.Selection(
        PURPOSES,
        readonly=True,
        help="Why the user could consult the data: the capacity the access relation "
        "gave them at that moment.",
    )
    reason = fields.Char(
        readonly=True,
        help="The reason stated by the user (emergency access) or the request concerned.",
    )
    record_count = fields.Integer(
        string="Records",
        readonly=True,
        default=1,
        help="How many records one consultation showed (a page of a list).",
    )
    res_ids = fields.Char(string="Record IDs", readonly=True)
    # Kept in the int[] column youth_ids_array (GIN index, see init), not in
    # a relation table: a page of a list is one row, not a row per young
    # person with their foreign-key checks (most of the cost of logging a
    # list page). Read and searched in SQL, one query for a whole set.
    youth_ids = fields.Many2many(
        "don.youth",
        string="Young people",
        compute="_compute_youth_ids",
        search="_search_youth_ids",
        readonly=True,
        help="The young people whose data this consultation showed.",
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

    def init(self):
        result = super().init()
        # Not an ORM column (Odoo has no array field): the ORM leaves it
        # alone, the queries below read and write it.
        self.env.cr.execute(
            "ALTER TABLE don_access_log ADD COLUMN IF NOT EXISTS youth_ids_array int4[]"
        )
        tools.create_index(
            self.env.cr,
            "don_access_log_youth_ids_array_idx",
            self._table,
            ["youth_ids_array"],
            method="gin",
        )
        return result

    def _compute_youth_ids(self):
        ids = [id_ for id_ in self.ids if isinstance(id_, int)]
        found = {}
        if ids:
            # The young people still in the register (an id of a deleted
            # one is no link), in one query for the whole set.
            rows = self.env.execute_query(
                SQL(
                    """SELECT l.id, ARRAY(SELECT y.id FROM don_youth y
                                           WHERE y.id = ANY(l.youth_ids_array) ORDER BY y.id)
                         FROM don_access_log l WHERE l.id = ANY(%s)""",
                    ids,
                )
            )
            found = dict(rows)
        Youth = self.env["don.youth"]
        for log in self:
            log.youth_ids = Youth.browse(found.get(log.id) or ())

    def _search_youth_ids(self, operator, value):
        """("youth_ids", "in", ids) and its negations, as an overlap of the
        array (GIN index); ("youth_ids", "=", False): no young person."""
        if operator in ("=", "!=") and value is False:
            domain = [
                (
                    "id",
                    "in",
                    SQL("(SELECT id FROM don_access_log WHERE cardinality(youth_ids_array) > 0)"),
                )
            ]
            return ["!", *domain] if operator == "=" else domain
        if operator not in ("in", "not in", "=", "!="):
            raise NotImplementedError(_("Unsupported search on the young people of the log."))
        values = value if isinstance(value, (list, tuple, set)) else [value]
        if any(not isinstance(v, int) or isinstance(v, bool) for v in values):
            raise NotImplementedError(_("Search the young people of the log by their ids."))
        domain = [
            (
                "id",
                "in",
                SQL(
                    "(SELECT id FROM don_access_log WHERE youth_ids_array && %s::int4[])",
                    list(values),
                ),
            )
        ]
        return domain if operator in ("in", "=") else ["!", *domain]

    @api.model
    def _forget_youths(self, youth_ids):
        """Take the young people ``youth_ids`` out of every entry's list (a
        young person erased or deleted), in one statement."""
        if youth_ids:
            self.env.cr.execute(
                SQL(
                    """UPDATE don_access_log
                          SET youth_ids_array = ARRAY(
                              SELECT y FROM unnest(youth_ids_array) y WHERE y <> ALL(%s::int4[]))
                        WHERE youth_ids_array && %s::int4[]""",
                    list(youth_ids),
                    list(youth_ids),
                )
            )
            self.invalidate_model(["youth_ids"])

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
    def _log_open(self, record, action="open", purpose=None, reason=None):
        """Log that the current user consulted ``record`` (one record of a
        secured model with personal data). Called after the read succeeded,
        so the user had access."""
        self._log_records(record, action=action, purpose=purpose, reason=reason)

    @api.model
    def _log_records(self, records, action="open", purpose=None, reason=None):
        """One log entry for one consultation of ``records`` (a form: one
        record; a page of a list, an export, a print, a network: all the
        records it showed), written in one INSERT statement (with the links
        to the young people), no read per record: the young people and the
        involvement are read for the whole set at once. Called after the
        read succeeded."""
        if not records or (self.env.su and self.env.uid == 1):
            return
        user = self.env.user
        # sudo: the caller read these records as the user (the read
        # succeeded); only their links to a young person are read here, to
        # name the person concerned in the log.
        records = records.sudo()
        records.fetch(records._don_log_fields())
        youths = records._don_log_youths()
        if action == "list":
            # A page of a list: who the user is decides the purpose; the
            # review looks at the files opened, not at list pages.
            involved = False
        else:
            involved = bool(records._don_log_involved(user))
        if purpose is None:
            purpose = self._purpose(records, user, involved, action)
        single = len(records) == 1
        one_youth = youths if len(youths) == 1 else youths.browse()
        one_youth.fetch(["name"])
        # Written by the system, in SQL: nobody has create rights on the log
        # (so it cannot be forged through RPC), and one statement of one row
        # (the young people in its array) keeps the consultation cheap.
        self.env.cr.execute(
            SQL(
                """INSERT INTO don_access_log (
                       date, user_id, user_login, capacity, action, purpose, reason,
                       res_model, res_id, res_ids, record_count, subject_ref,
                       subject_name, youth_id, involved, ip_address, company_id,
                       youth_ids_array)
                   VALUES (clock_timestamp() AT TIME ZONE 'UTC', %s,
                           (SELECT login FROM res_users WHERE id = %s), %s, %s, %s, %s,
                           %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::int4[])""",
                user.id,
                user.id,
                self._capacity(user),
                action,
                purpose,
                reason,
                records._name,
                records.id if single else 0,
                None if single else ",".join(map(str, records.ids)),
                len(records),
                records.reference if single and "reference" in records else None,
                one_youth.name or None,
                one_youth.id or None,
                involved,
                request.httprequest.remote_addr if request else None,
                records[:1].company_id.id if "company_id" in records else None,
                youths.ids,
            )
        )

    @api.model
    def _opened_recently(self, record):
        """The current user opened ``record`` (its form, logged "open") in
        the last ``FORM_MINUTES`` minutes: what the form shows with it (its
        chatter, loaded by a request of its own) is part of that
        consultation. One probe of the log's record index."""
        self.env.cr.execute(
            SQL(
                """SELECT 1 FROM don_access_log
                    WHERE res_id = %s AND res_model = %s AND user_id = %s
                      AND action = 'open'
                      AND date > (clock_timestamp() AT TIME ZONE 'UTC') - %s * interval '1 minute'
                    LIMIT 1""",
                record.id,
                record._name,
                self.env.uid,
                FORM_MINUTES,
            )
        )
        return bool(self.env.cr.fetchone())

    @api.model
    def _form_opened_recently(self, record):
        """The form of ``record`` was opened by the current user in the last
        ``FORM_MINUTES``: the opening it logged (of the record itself, or of
        the record its form logs, ``_don_log_opened_record``: a mayor's
        measure logs its case) covers what the form loads with it by
        requests of its own (the chatter's messages and data, its
        thumbnails)."""
        if hasattr(record, "_don_log_opened_record"):
            record = record._don_log_opened_record()
        return bool(record) and self._opened_recently(record)

    @api.model
    def _log_documents(self, documents, action):
        """One entry per secured model for a consultation of what belongs to
        DON documents (the messages of a chatter, a file): ``documents`` is
        a list of (model name, record id) of the documents shown, as the
        side records name them (``mail.message`` model/res_id,
        ``ir.attachment`` res_model/res_id). Other documents (a discussion
        channel, a contact) are no consultation of the log. Called after the
        side records were read as the user: the side guard let them through
        only for documents the user may read now."""
        if self.env.su:
            return
        documents = self._documents_of_tasks(documents)
        secured = set(self.env["don.access"]._secured_models())
        by_model = {}
        for model, res_id in documents:
            if model in secured and res_id:
                ids = by_model.setdefault(model, [])
                if res_id not in ids:
                    ids.append(res_id)
        for model, ids in by_model.items():
            self._log_records(self.env[model].browse(ids), action=action)

    @api.model
    def _documents_of_tasks(self, documents):
        """``documents`` with each action task (``project.task`` with a
        ``don_case_id``) replaced by its case: the messages, files and
        activities of an action on a case are consultations of the case (as
        the side guard and the recipients of its messages take the case's
        access). One query, only when there is a task among them; a task of
        no case is left as it is (no DON document: not logged)."""
        task_ids = list(
            {res_id for model, res_id in documents if model == "project.task" and res_id}
        )
        if not task_ids:
            return documents
        self.env["project.task"].flush_model(["don_case_id"])
        case_of = dict(
            self.env.execute_query(
                SQL(
                    "SELECT id, don_case_id FROM project_task"
                    " WHERE id = ANY(%s) AND don_case_id IS NOT NULL",
                    task_ids,
                )
            )
        )
        return [
            ("don.case", case_of[res_id])
            if model == "project.task" and res_id in case_of
            else (model, res_id)
            for model, res_id in documents
        ]

    @api.model
    def _purpose(self, records, user, involved, action="open"):
        if involved:
            return "involved"
        if user._has_group("don_core.group_don_kernteam"):
            return "kernteam"
        if action != "list" and self.env["don.emergency.access"]._active_for(records, user):
            return "emergency"
        return "domain"

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
            # The entries keep the other young people a list showed.
            self.env.cr.execute(
                SQL(
                    """UPDATE don_access_log
                          SET youth_ids_array = array_remove(youth_ids_array, %s)
                        WHERE id = ANY(%s) AND youth_ids_array && ARRAY[%s]::int4[]""",
                    youth.id,
                    self.ids,
                    youth.id,
                )
            )
            self.invalidate_recordset(["youth_ids"])

    def _don_privacy_export(self, youth):
        rows = self.env["don.privacy"]._export_records(
            self,
            youth,
            [
                "date",
                "user_id",
                "capacity",
                "action",
                "purpose",
                "reason",
                "res_model",
                "record_count",
                "involved",
            ],
            chatter=False,
        )
        # The record type in words (in the reader's language), not the
        # technical model name.
        types = {
            model.model: model.name
            for model in self.env["ir.model"]
            .sudo()
            .search([("model", "in", self.mapped("res_model"))])
        }
        for row in rows:
            row["res_model"] = types.get(row["res_model"], row["res_model"])
        return rows
