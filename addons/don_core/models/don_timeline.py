# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The timeline of a young person or a case: one chronological view of
everything the reader may see about them.

Every kind of item is searched as the reader (record rules, never sudo for
content), with one query per kind and a constant number of label queries:
the cost does not grow with the number of items. Other addons add their own
kinds by extending ``_timeline_items`` (don_signalen adds the signals).
"""

from datetime import datetime, time

import pytz
from markupsafe import Markup

from odoo import _, api, models
from odoo.tools import SQL
from odoo.tools.misc import get_lang

from ..tools.internal import internal_flag


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
        # Set by the form's web_read and the logged read (INTERNAL, which no
        # client can send): they log the consultation themselves.
        log = not internal_flag(self.env, "don_timeline_in_form")
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
        """The HTML of the timeline. Built in Python (a QWeb row per item
        cost a tenth of a second at 500 items); every value is escaped by
        ``Markup.format``."""
        if not items:
            return Markup(
                '<div class="o_don_timeline">'
                '<p class="text-muted o_don_timeline_empty">{}</p></div>'
            ).format(_("Nothing on the timeline that you may see yet."))
        head = Markup(
            '<div class="o_don_timeline"><table class="table table-sm o_don_timeline_table">'
            '<thead><tr><th class="text-nowrap">{}</th><th>{}</th><th>{}</th><th>{}</th>'
            "<th>{}</th></tr></thead><tbody>"
        ).format(_("Date"), _("Kind"), _("What"), _("Domain or meeting"), _("Case"))
        row = Markup(
            '<tr class="o_don_timeline_item o_don_timeline_{kind}" data-kind="{kind}"'
            ' style="page-break-inside: avoid;">'
            '<td class="text-nowrap">{date}</td><td class="text-nowrap">{icon}{kind_label}</td>'
            '<td><div class="fw-bold o_don_timeline_title">{title}</div>{detail}</td>'
            '<td>{domain}</td><td class="text-nowrap">{case}</td></tr>'
        )
        icon = Markup('<i class="fa fa-fw me-1 {}" role="img" aria-label="{}"></i>')
        detail = Markup('<div class="text-muted small">{}</div>')
        rows = [
            row.format(
                kind=item["kind"],
                date=item["date_label"],
                icon="" if for_print else icon.format(item["icon"], item["kind_label"]),
                kind_label=item["kind_label"],
                title=item["title"] or "",
                detail=detail.format(item["detail"]) if item.get("detail") else "",
                domain=item.get("domain") or "",
                case=item.get("case") or "",
            )
            for item in items
        ]
        return head + Markup("").join(rows) + Markup("</tbody></table></div>")

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
        """The items newest first, each with its ``date_label`` in the
        reader's language and time zone (formats looked up once)."""
        lang = get_lang(self.env)
        date_format = lang.date_format
        time_format = lang.time_format.replace(":%S", "")
        tz = pytz.timezone(self.env.context.get("tz") or self.env.user.tz or "Europe/Amsterdam")
        dated = []
        for item in items:
            moment = item.get("moment")
            if not moment:
                continue
            if isinstance(moment, datetime):
                local = pytz.utc.localize(moment).astimezone(tz).replace(tzinfo=None)
                label = local.strftime(f"{date_format} {time_format}")
            else:
                # A day without a time: after what happened on that day, but
                # the opening of a case before it.
                local = datetime.combine(
                    moment, time.min if item.get("sequence", 0) < 0 else time.max
                )
                label = moment.strftime(date_format)
            item["date_label"] = label
            dated.append(((local, item.get("sequence", 0), item.get("res_id") or 0), item))
        dated.sort(key=lambda pair: pair[0], reverse=True)
        return [item for _key, item in dated]

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
        changes = self.env.cr.fetchall()
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
        for case_id, moment, new_label, message_id in changes:
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
        contribution_label = _("Contribution")
        return [
            {
                "moment": note.date,
                "kind": "contribution",
                "kind_label": contribution_label,
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
        factor_label = _("Factor")
        return [
            {
                "moment": factor.date,
                "kind": "factor",
                "kind_label": kinds.get(factor.kind) or factor_label,
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
        intervention_label = _("Intervention")
        return [
            {
                "moment": intervention.date_start or intervention.create_date,
                "kind": "intervention",
                "kind_label": intervention_label,
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
        agenda_label = _("Agenda")
        return [
            {
                "moment": item.meeting_id.date,
                "kind": "decision",
                "kind_label": agenda_label,
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
        action_label = _("Action")
        return [
            {
                "moment": task.date_deadline or task.create_date,
                "kind": "action",
                "kind_label": action_label,
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
