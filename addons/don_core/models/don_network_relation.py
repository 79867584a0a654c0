# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..tools import network_metrics

NETWORK_RELATION_TYPES = [
    ("family", "Family"),
    ("friendship", "Friendship"),
    ("recruiter", "Recruiter > recruited"),
    ("found_together", "Found together"),
    ("member", "Group member"),
    ("other", "Other"),
]
INFO_SOURCES = [
    ("signal", "Signal"),
    ("police", "Police information"),
    ("observation", "Observation"),
    ("other", "Other"),
]
RELIABILITY = [
    ("reliable", "Reliable"),
    ("fair", "Fairly reliable"),
    ("unknown", "Unknown"),
]
NODE_MODELS = ("don.youth", "don.group")
# (model, source column, target column) of the two ends of a relation.
NODE_COLUMNS = (
    ("don.youth", "source_youth_id", "target_youth_id"),
    ("don.group", "source_group_id", "target_group_id"),
)
MAX_DEPTH = 3


class DonNetworkRelation(models.Model):
    """A connection in the dynamic network analysis: between two young
    people, a young person and a group, or two groups, for a period.

    Shared information like a case contribution (author, domain, sharing
    level, legal basis, explicitly involved users), with one extra rule: it is
    visible only to who may also see both of its ends.
    """

    _name = "don.network.relation"
    _inherit = ["don.shared.mixin"]
    _description = "Network relation"
    _order = "date_from desc, id desc"
    _rec_names_search = ["source_youth_id", "target_youth_id", "source_group_id", "target_group_id"]

    _don_users_relation = ("don_network_relation_user_rel", "relation_id", "user_id")
    _don_access_fields = (
        "company_id",
        "case_id",
        "domain_id",
        "sharing_level",
        "user_ids",
        "author_id",
        "source_youth_id",
        "source_group_id",
        "target_youth_id",
        "target_group_id",
    )
    _don_access_follows = (
        ("don.case", "case_id"),
        ("don.youth", "source_youth_id"),
        ("don.youth", "target_youth_id"),
        ("don.group", "source_group_id"),
        ("don.group", "target_group_id"),
    )

    source_youth_id = fields.Many2one(
        "don.youth", string="From young person", index=True, ondelete="cascade"
    )
    source_group_id = fields.Many2one(
        "don.group", string="From group", index=True, ondelete="cascade"
    )
    target_youth_id = fields.Many2one(
        "don.youth", string="To young person", index=True, ondelete="cascade"
    )
    target_group_id = fields.Many2one(
        "don.group", string="To group", index=True, ondelete="cascade"
    )
    relation_type = fields.Selection(
        NETWORK_RELATION_TYPES,
        string="Relation",
        required=True,
        default="friendship",
        tracking=True,
    )
    directed = fields.Boolean(
        help="The relation goes one way (from > to), e.g. a recruiter and the "
        "young person recruited.",
    )
    info_source = fields.Selection(
        INFO_SOURCES, string="Source", required=True, default="observation", tracking=True
    )
    reliability = fields.Selection(
        RELIABILITY,
        required=True,
        default="unknown",
        tracking=True,
        help="How reliable the source of this information is.",
    )
    date_from = fields.Date(string="From", index=True, tracking=True)
    date_to = fields.Date(string="Until", index=True, tracking=True)
    description = fields.Text()
    user_ids = fields.Many2many(
        "res.users",
        "don_network_relation_user_rel",
        "relation_id",
        "user_id",
        string="Explicitly involved",
        help="These persons see this relation whatever its sharing level "
        "(when they may see both ends).",
    )

    @api.onchange("relation_type")
    def _onchange_relation_type(self):
        if self.relation_type == "recruiter":
            self.directed = True

    @api.constrains("source_youth_id", "source_group_id", "target_youth_id", "target_group_id")
    def _check_nodes(self):
        for relation in self:
            if bool(relation.source_youth_id) == bool(relation.source_group_id):
                raise ValidationError(
                    _("A relation starts at exactly one young person or one group.")
                )
            if bool(relation.target_youth_id) == bool(relation.target_group_id):
                raise ValidationError(
                    _("A relation ends at exactly one young person or one group.")
                )
            if relation._node_key("source") == relation._node_key("target"):
                raise ValidationError(_("A relation connects two different nodes."))
            nodes = (
                relation.source_youth_id | relation.target_youth_id,
                relation.source_group_id | relation.target_group_id,
            )
            if any(node.company_id != relation.company_id for rec in nodes for node in rec):
                raise ValidationError(
                    _("Both ends of a relation belong to the relation's municipality.")
                )

    @api.constrains("date_from", "date_to")
    def _check_period(self):
        for relation in self:
            if relation.date_from and relation.date_to and relation.date_to < relation.date_from:
                raise ValidationError(_("A relation cannot end before it starts."))

    def _node_key(self, side):
        youth = self[f"{side}_youth_id"]
        if youth:
            return ("don.youth", youth.id)
        group = self[f"{side}_group_id"]
        return ("don.group", group.id) if group else None

    def _is_valid_on(self, date):
        self.ensure_one()
        return (not self.date_from or self.date_from <= date) and (
            not self.date_to or self.date_to >= date
        )

    def _don_label(self):
        labels = dict(self._fields["relation_type"]._description_selection(self.env))
        source = self.source_youth_id or self.source_group_id
        target = self.target_youth_id or self.target_group_id
        arrow = ">" if self.directed else "-"
        return (
            f"{source.display_name or ''} {arrow} {target.display_name or ''}"
            f" ({labels.get(self.relation_type, '')})"
        )

    @api.depends_context("uid")
    @api.depends(
        "relation_type",
        "directed",
        "source_youth_id",
        "source_group_id",
        "target_youth_id",
        "target_group_id",
    )
    def _compute_display_name(self):
        return super()._compute_display_name()

    # ------------------------------------------------------------------
    # Access relation: the shared-information audience, and only users who
    # also see both ends.
    # ------------------------------------------------------------------
    @api.model
    def _don_access_condition(self, params):
        ends = []
        for model_name, source_col, target_col in NODE_COLUMNS:
            for column in (source_col, target_col):
                ends.append(
                    SQL(
                        "(rec.%s IS NULL OR %s)",
                        SQL.identifier(column),
                        self._don_sql_sees(model_name, SQL("rec.%s", SQL.identifier(column))),
                    )
                )
        return SQL("(%s) AND %s", super()._don_access_condition(params), SQL(" AND ").join(ends))

    # ------------------------------------------------------------------
    # Create / write: the ends must be visible to the user.
    # ------------------------------------------------------------------
    def _check_node_access(self, vals_list):
        for model_name, source_col, target_col in NODE_COLUMNS:
            ids = {
                vals[col] for vals in vals_list for col in (source_col, target_col) if vals.get(col)
            }
            self.env[model_name].browse(ids).check_access("read")

    @api.model_create_multi
    def create(self, vals_list):
        self._check_node_access(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_node_access([vals])
        return super().write(vals)

    # ------------------------------------------------------------------
    # The network around one node
    # ------------------------------------------------------------------
    @api.model
    def _network_action(self, node):
        return {
            "type": "ir.actions.client",
            "tag": "don_core.network",
            "name": _("Network of %(name)s", name=node.display_name),
            "params": {"node_model": node._name, "node_id": node.id},
            "context": {"node_model": node._name, "node_id": node.id},
        }

    @api.model
    def _parse_network_args(self, node_model, node_id, depth, as_of):
        if node_model not in NODE_MODELS:
            raise UserError(_("The network starts at a young person or a group."))
        try:
            depth = int(depth)
        except (TypeError, ValueError):
            depth = 0
        if not 1 <= depth <= MAX_DEPTH:
            raise UserError(_("The depth of the network is 1, 2 or 3 steps."))
        if as_of:
            try:
                as_of = fields.Date.to_date(as_of)
            except ValueError as error:
                raise UserError(_("The date %(date)s is not a valid date.", date=as_of)) from error
        return depth, as_of or False

    @api.model
    def get_network(self, node_model, node_id, depth=1, as_of=None):
        """The network of one young person or group: the relations within
        ``depth`` steps that are valid on ``as_of`` (all periods when empty),
        with metrics on that subgraph. The network holds every node within
        ``depth`` steps and every relation among those nodes.

        Everything is read as the calling user, through the record rules: a
        relation is in the graph only when the user may see it and both of
        its ends, so what they may not see leaves no trace in the nodes, the
        edges, the counts or the metrics. One search per step, plus one for
        the relations within the outer ring.
        """
        depth, as_of = self._parse_network_args(node_model, node_id, depth, as_of)
        root = self.env[node_model].browse(int(node_id)).exists()
        if not root:
            raise UserError(_("This record no longer exists."))
        root.check_access("read")
        date_domain = []
        if as_of:
            date_domain = [
                "|",
                ("date_from", "=", False),
                ("date_from", "<=", as_of),
                "|",
                ("date_to", "=", False),
                ("date_to", ">=", as_of),
            ]
        fnames = [
            "source_youth_id",
            "source_group_id",
            "target_youth_id",
            "target_group_id",
            "relation_type",
            "directed",
            "info_source",
            "reliability",
            "date_from",
            "date_to",
        ]
        root_key = (node_model, root.id)
        distance = {root_key: 0}
        frontier = {root_key}
        relations = self.browse()
        seen = set()
        for step in range(1, depth + 1):
            youth_ids = [rid for model, rid in frontier if model == "don.youth"]
            group_ids = [rid for model, rid in frontier if model == "don.group"]
            node_domain = []
            if youth_ids:
                node_domain = [
                    "|",
                    ("source_youth_id", "in", youth_ids),
                    ("target_youth_id", "in", youth_ids),
                ]
            if group_ids:
                group_domain = [
                    "|",
                    ("source_group_id", "in", group_ids),
                    ("target_group_id", "in", group_ids),
                ]
                node_domain = ["|", *node_domain, *group_domain] if node_domain else group_domain
            found = self.search_fetch(node_domain + date_domain, fnames, order="id")
            found = found.filtered(lambda r: r.id not in seen)
            seen.update(found.ids)
            relations |= found
            next_frontier = set()
            for relation in found:
                for key in (relation._node_key("source"), relation._node_key("target")):
                    if key not in distance:
                        distance[key] = step
                        next_frontier.add(key)
            frontier = next_frontier
            if not frontier:
                break
        if frontier:
            # The relations among the nodes of the outer ring (both ends at
            # the maximum depth): part of the network, found by no step.
            youth_ids = [rid for model, rid in frontier if model == "don.youth"]
            group_ids = [rid for model, rid in frontier if model == "don.group"]
            ring_domain = [
                "|",
                ("source_youth_id", "in", youth_ids),
                ("source_group_id", "in", group_ids),
                "|",
                ("target_youth_id", "in", youth_ids),
                ("target_group_id", "in", group_ids),
            ]
            found = self.search_fetch(ring_domain + date_domain, fnames, order="id")
            relations |= found.filtered(lambda r: r.id not in seen)
        payload = self._network_payload(root_key, distance, relations, as_of, depth)
        # The network view is one consultation of the young people it shows.
        youths = self.env["don.youth"].browse(
            [node["res_id"] for node in payload["nodes"] if node["model"] == "don.youth"]
        )
        self.env["don.access.log"]._log_records(youths, action="network")
        return payload

    @api.model
    def _network_payload(self, root_key, distance, relations, as_of, depth):
        # Labels of the nodes, read as the user (one search per model).
        labels = {}
        for model_name in NODE_MODELS:
            ids = [rid for model, rid in distance if model == model_name]
            if not ids:
                continue
            fields_to_read = (
                ["name", "reference"] if model_name == "don.youth" else ["name", "kind"]
            )
            records = (
                self.env[model_name]
                .with_context(active_test=False)
                .search_fetch([("id", "in", ids)], fields_to_read)
            )
            for record in records:
                labels[(model_name, record.id)] = record
        type_labels = dict(self._fields["relation_type"]._description_selection(self.env))
        source_labels = dict(self._fields["info_source"]._description_selection(self.env))
        reliability_labels = dict(self._fields["reliability"]._description_selection(self.env))
        edges = []
        for relation in relations:
            source, target = relation._node_key("source"), relation._node_key("target")
            if source not in labels or target not in labels:
                continue
            edges.append(
                {
                    "id": relation.id,
                    "source": "%s,%s" % source,
                    "target": "%s,%s" % target,
                    "type": relation.relation_type,
                    "type_label": type_labels.get(relation.relation_type, ""),
                    "directed": relation.directed,
                    "info_source": source_labels.get(relation.info_source, ""),
                    "reliability": reliability_labels.get(relation.reliability, ""),
                    "reliability_code": relation.reliability,
                    "date_from": fields.Date.to_string(relation.date_from) or False,
                    "date_to": fields.Date.to_string(relation.date_to) or False,
                }
            )
        # Only nodes reached through a visible edge (and the root) remain.
        keys = {"%s,%s" % root_key}
        for edge in edges:
            keys.update((edge["source"], edge["target"]))
        adj = network_metrics.adjacency(keys, [(e["source"], e["target"]) for e in edges])
        degrees = network_metrics.degree(adj)
        betweenness = network_metrics.betweenness(adj)
        normalised = network_metrics.normalise_betweenness(betweenness)
        communities = network_metrics.communities(adj)
        nodes = []
        for key in sorted(keys):
            model_name, rid = key.split(",")
            record = labels[(model_name, int(rid))]
            nodes.append(
                {
                    "id": key,
                    "model": model_name,
                    "res_id": int(rid),
                    "name": record.name,
                    "kind": "youth" if model_name == "don.youth" else "group",
                    "distance": distance[(model_name, int(rid))],
                    "is_root": key == "%s,%s" % root_key,
                    "degree": degrees[key],
                    "betweenness": round(betweenness[key], 6),
                    "betweenness_norm": round(normalised[key], 6),
                    "community": communities[key],
                }
            )
        return {
            "root": "%s,%s" % root_key,
            "depth": depth,
            "as_of": fields.Date.to_string(as_of) if as_of else False,
            "nodes": nodes,
            "edges": edges,
            "types": [
                {"value": value, "label": label}
                for value, label in self._fields["relation_type"]._description_selection(self.env)
            ],
            "metrics": {
                "node_count": len(nodes),
                "edge_count": len(edges),
                "community_count": len(set(communities.values())),
                "density": round(sum(degrees.values()) / (len(nodes) * (len(nodes) - 1)), 4)
                if len(nodes) > 1
                else 0.0,
            },
        }

    # ------------------------------------------------------------------
    # Privacy lifecycle: a relation is information about both of its ends;
    # when one young person is erased, the relation goes with them (a
    # relation with one end blanked would say nothing true any more).
    # ------------------------------------------------------------------
    def _don_privacy_erase(self, youth, mode):
        self.env["don.privacy"]._purge_traces(self)
        self.unlink()

    def _don_privacy_export(self, youth):
        return self.env["don.privacy"]._export_records(
            self,
            youth,
            [
                "relation_type",
                "directed",
                "source_youth_id",
                "source_group_id",
                "target_youth_id",
                "target_group_id",
                "info_source",
                "reliability",
                "date_from",
                "date_to",
                "description",
            ],
        )
