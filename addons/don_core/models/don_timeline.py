# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The timeline of a young person or a case: one chronological view of
everything the reader may see about them.

Every kind of item is searched as the reader (record rules, never sudo for
content), with one query per kind and a constant number of label queries:
the cost does not grow with the number of items. Other addons add their own
kinds by extending ``_timeline_items`` (don_signalen adds the signals).
"""

from datetime import date, datetime, time

import pytz

from odoo import _, api, models
from odoo.tools import SQL
from odoo.tools.misc import format_date, format_datetime


class DonTimeline(models.AbstractModel):
    _name = "don.timeline"
    _description = "DON timeline"

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    @api.model
    def _for_youth(self, youth):
        """Items of ``youth`` (readable by the current user): their cases
        that the user may see, and what hangs on those cases."""
        youth.check_access("read")
        cases = (
            self.env["don.case"]
            .with_context(active_test=False)
            .search([("youth_id", "=", youth.id)], order="date_start, id")
        )
        return self._sorted(self._timeline_items(youth, cases))

    @api.model
    def _for_case(self, case):
        case.check_access("read")
        return self._sorted(self._timeline_items(self.env["don.youth"], case))

    @api.model
    def _compute_timeline_field(self, records, method):
        """Fill ``timeline_html`` of ``records`` (youths or cases). Reading a
        timeline is consulting the file: it is written to the access log,
        once per record (opening the form logs it already, see web_read)."""
        log = not self.env.context.get("don_timeline_in_form")
        for record in records:
            if not isinstance(record.id, int):
                record.timeline_html = False
                continue
            items = getattr(self, method)(record)
            record.timeline_html = self._render(items)
            if log:
                self.env["don.access.log"]._log_open(record)

    @api.model
    def _render(self, items, for_print=False):
        """The HTML of the timeline (escaped by QWeb)."""
        return self.env["ir.qweb"]._render(
            "don_core.don_timeline_body", {"items": items, "for_print": for_print}
        )

    # ------------------------------------------------------------------
    # Items
    # ------------------------------------------------------------------
    @api.model
    def _timeline_items(self, youth, cases):
        """[item] for ``youth`` (empty for a case timeline) and the visible
        ``cases``. An item is a dict: ``moment`` (date or UTC datetime),
        ``kind``, ``kind_label``, ``icon``, ``title``, ``detail``, ``domain``,
        ``case`` (reference) and ``model``/``res_id``. Extend with super()."""
        items = []
        items += self._items_stages(cases)
        if not cases:
            return items
        items += self._items_contributions(cases)
        items += self._items_factors(cases)
        items += self._items_interventions(cases)
        items += self._items_agenda(cases)
        items += self._items_actions(cases)
        return items

    @api.model
    def _sorted(self, items):
        def key(item):
            moment = item["moment"]
            if not isinstance(moment, datetime):
                # A day without a time: after what happened on that day, but
                # the opening of a case before it.
                moment = datetime.combine(
                    moment, time.min if item.get("sequence", 0) < 0 else time.max
                )
            return (moment, item.get("sequence", 0), item.get("res_id") or 0)

        items = [item for item in items if item.get("moment")]
        items.sort(key=key, reverse=True)
        for item in items:
            item["date_label"] = self._format_moment(item["moment"])
        return items

    @api.model
    def _format_moment(self, moment):
        if isinstance(moment, datetime):
            tz = pytz.timezone(self.env.user.tz or "Europe/Amsterdam")
            return format_datetime(self.env, moment, tz=tz.zone, dt_format="short")
        if isinstance(moment, date):
            return format_date(self.env, moment)
        return ""

    @api.model
    def _selection_labels(self, model, fname):
        return dict(self.env[model]._fields[fname]._description_selection(self.env))

    @api.model
    def _can_read(self, model):
        return self.env[model].has_access("read")

    @api.model
    def _items_stages(self, cases):
        """The opening of each case, its changes of stage and its closing."""
        if not cases:
            return []
        stages = self._selection_labels("don.case", "stage")
        reasons = self._selection_labels("don.case", "closing_reason")
        items = []
        for case in cases:
            items.append(
                {
                    "moment": case.date_start,
                    "sequence": -1,
                    "kind": "stage",
                    "kind_label": _("Stage"),
                    "icon": "fa-folder-open",
                    "title": _("Case %(ref)s opened", ref=case.reference),
                    "detail": case.lead_domain_id.name or "",
                    "domain": "",
                    "case": case.reference,
                    "model": "don.case",
                    "res_id": case.id,
                }
            )
        # The stage changes come from the cases' tracking. The cases were
        # found through the record rules above (the reader may see them):
        # only the stage values of those cases are read, in one query
        # (tracking values are readable only with sudo outside the chatter).
        field = self.env["ir.model.fields"]._get("don.case", "stage")
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT m.res_id, m.date, t.new_value_char, m.id
                     FROM mail_tracking_value t
                     JOIN mail_message m ON m.id = t.mail_message_id
                    WHERE m.model = 'don.case' AND m.res_id IN %s AND t.field_id = %s""",
                tuple(cases.ids),
                field.id,
            )
        )
        # The tracked value is the label in the language of who changed the
        # stage: mapped back to the stage in every installed language.
        by_label = {label: key for key, label in self.env["don.case"]._fields["stage"].selection}
        for code, _name in self.env["res.lang"].get_installed():
            by_label.update(
                {
                    label: key
                    for key, label in self.with_context(lang=code)
                    ._selection_labels("don.case", "stage")
                    .items()
                }
            )
        ref = {case.id: case for case in cases}
        for case_id, moment, new_label, message_id in self.env.cr.fetchall():
            case = ref[case_id]
            key = by_label.get(new_label)
            detail = ""
            if key == "afgesloten":
                detail = reasons.get(case.closing_reason, "")
            items.append(
                {
                    "moment": moment,
                    "kind": "stage",
                    "kind_label": _("Stage"),
                    "icon": "fa-flag",
                    "title": _(
                        "%(ref)s: %(stage)s", ref=case.reference, stage=stages.get(key, new_label)
                    ),
                    "detail": detail,
                    "domain": "",
                    "case": case.reference,
                    "model": "don.case",
                    "res_id": case.id,
                    "sequence": message_id,
                }
            )
        return items

    @api.model
    def _search_items(self, model, domain, fnames, order="id"):
        if not self._can_read(model):
            return self.env[model]
        return self.env[model].search_fetch(domain, fnames, order=order)

    @api.model
    def _items_contributions(self, cases):
        """Contributions: title, kind, domain and date, never the content."""
        kinds = self._selection_labels("don.case.note", "note_type")
        notes = self._search_items(
            "don.case.note",
            [("case_id", "in", cases.ids)],
            ["name", "date", "note_type", "domain_id", "case_id"],
        )
        return [
            {
                "moment": note.date,
                "kind": "contribution",
                "kind_label": _("Contribution"),
                "icon": "fa-file-text-o",
                "title": note.name,
                "detail": kinds.get(note.note_type, ""),
                "domain": note.domain_id.name,
                "case": note.case_id.reference,
                "model": note._name,
                "res_id": note.id,
            }
            for note in notes
        ]

    @api.model
    def _items_factors(self, cases):
        kinds = self._selection_labels("don.case.factor", "kind")
        areas = self._selection_labels("don.case.factor", "life_area")
        weights = self._selection_labels("don.case.factor", "assessment")
        factors = self._search_items(
            "don.case.factor",
            [("case_id", "in", cases.ids)],
            ["factor_id", "kind", "life_area", "assessment", "date", "domain_id", "case_id"],
        )
        return [
            {
                "moment": factor.date,
                "kind": "factor",
                "kind_label": kinds.get(factor.kind) or _("Factor"),
                "icon": "fa-exclamation-triangle" if factor.kind == "risk" else "fa-shield",
                "title": factor.factor_id.name,
                "detail": " - ".join(
                    filter(None, [areas.get(factor.life_area), weights.get(factor.assessment)])
                ),
                "domain": factor.domain_id.name,
                "case": factor.case_id.reference,
                "model": factor._name,
                "res_id": factor.id,
            }
            for factor in factors
        ]

    @api.model
    def _items_interventions(self, cases):
        lines = self._selection_labels("don.intervention", "line")
        states = self._selection_labels("don.intervention", "state")
        interventions = self._search_items(
            "don.intervention",
            [("case_id", "in", cases.ids)],
            ["name", "type_id", "line", "state", "date_start", "domain_id", "case_id"],
        )
        return [
            {
                "moment": intervention.date_start or intervention.create_date,
                "kind": "intervention",
                "kind_label": _("Intervention"),
                "icon": "fa-hand-paper-o",
                "title": f"{intervention.type_id.name}: {intervention.name}",
                "detail": " - ".join(
                    filter(None, [lines.get(intervention.line), states.get(intervention.state)])
                ),
                "domain": intervention.domain_id.name,
                "case": intervention.case_id.reference,
                "model": intervention._name,
                "res_id": intervention.id,
            }
            for intervention in interventions
        ]

    @api.model
    def _items_agenda(self, cases):
        """Agenda items of the cases with their outcome (decisions)."""
        states = self._selection_labels("don.agenda.item", "state")
        agenda = self._search_items(
            "don.agenda.item",
            [("case_id", "in", cases.ids)],
            ["name", "decision", "state", "meeting_id", "case_id"],
        )
        # A guest of an item may see it without the meeting: their items
        # have no date they may read, and stay off the timeline.
        meetings = agenda.meeting_id._filtered_access("read")
        agenda = agenda.filtered(lambda item: item.meeting_id in meetings)
        return [
            {
                "moment": item.meeting_id.date,
                "kind": "decision",
                "kind_label": _("Agenda"),
                "icon": "fa-gavel",
                "title": item.name,
                "detail": " - ".join(filter(None, [states.get(item.state), item.decision or ""])),
                "domain": item.meeting_id.name,
                "case": item.case_id.reference,
                "model": item._name,
                "res_id": item.id,
            }
            for item in agenda
        ]

    @api.model
    def _items_actions(self, cases):
        """Actions (project tasks) decided on the cases."""
        tasks = self._search_items(
            "project.task",
            [("don_case_id", "in", cases.ids)],
            ["name", "date_deadline", "create_date", "state", "user_ids", "don_case_id"],
        )
        states = self._selection_labels("project.task", "state")
        return [
            {
                "moment": task.date_deadline or task.create_date,
                "kind": "action",
                "kind_label": _("Action"),
                "icon": "fa-check-square-o",
                "title": task.name,
                "detail": " - ".join(
                    filter(None, [states.get(task.state), ", ".join(task.user_ids.mapped("name"))])
                ),
                "domain": "",
                "case": task.don_case_id.reference,
                "model": task._name,
                "res_id": task.id,
            }
            for task in tasks
        ]
