# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Network analysis: metrics on known graphs, the network around a node by
date and depth, and what a user may not see leaving no trace in it."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..tools import network_metrics as nm
from .common import DonTestCommon


@tagged("post_install", "-at_install", "don_network")
class TestNetworkMetrics(TransactionCase):
    """The metrics on small graphs whose values are known by hand."""

    def _graph(self, edges, nodes=()):
        keys = set(nodes)
        for a, b in edges:
            keys.update((a, b))
        return nm.adjacency(keys, edges)

    def test_path_graph(self):
        adj = self._graph([(1, 2), (2, 3), (3, 4), (4, 5)])
        self.assertEqual(nm.degree(adj), {1: 1, 2: 2, 3: 2, 4: 2, 5: 1})
        # Node 3 lies between 1-4, 1-5, 2-4 and 2-5; node 2 between 1 and 3, 4, 5.
        self.assertEqual(nm.betweenness(adj), {1: 0, 2: 3, 3: 4, 4: 3, 5: 0})
        norm = nm.normalise_betweenness(nm.betweenness(adj))
        self.assertAlmostEqual(norm[3], 4 / 6)

    def test_star(self):
        adj = self._graph([("c", leaf) for leaf in "abde"])
        values = nm.betweenness(adj)
        self.assertEqual(values["c"], 6, "4 leaves: every pair of leaves, 4 x 3 / 2")
        self.assertEqual({k: v for k, v in values.items() if k != "c"}, dict.fromkeys("abde", 0))
        self.assertEqual(nm.normalise_betweenness(values)["c"], 1.0)
        self.assertEqual(set(nm.communities(adj).values()), {0}, "a star is one community")

    def test_two_triangles_and_a_bridge(self):
        adj = self._graph(
            [("a", "b"), ("b", "c"), ("a", "c"), ("c", "d"), ("d", "e"), ("e", "f"), ("d", "f")]
        )
        values = nm.betweenness(adj)
        # c lies between (a|b) and (d|e|f), d between (a|b|c) and (e|f).
        self.assertEqual(values, {"a": 0, "b": 0, "c": 6, "d": 6, "e": 0, "f": 0})
        communities = nm.communities(adj)
        self.assertEqual(communities, {"a": 0, "b": 0, "c": 0, "d": 1, "e": 1, "f": 1})
        self.assertEqual(nm.components(adj), dict.fromkeys("abcdef", 0))

    def test_equal_shortest_paths_share_betweenness(self):
        # A square: a-b-d and a-c-d are both shortest, b and c carry half each.
        adj = self._graph([("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")])
        self.assertEqual(nm.betweenness(adj), dict.fromkeys("abcd", 0.5))

    def test_isolated_and_deterministic(self):
        adj = self._graph([(1, 2)], nodes=(3,))
        self.assertEqual(nm.betweenness(adj), {1: 0, 2: 0, 3: 0})
        self.assertEqual(nm.communities(adj), {1: 0, 2: 0, 3: 1})
        self.assertEqual(nm.components(adj), {1: 0, 2: 0, 3: 1})
        edges = [(i, j) for i in range(12) for j in range(i + 1, 12) if (i * j) % 5 == 1]
        first = nm.communities(self._graph(edges, nodes=range(12)))
        self.assertEqual(first, nm.communities(self._graph(list(reversed(edges)), nodes=range(12))))


class DonNetworkCommon(DonTestCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Youth = cls.env["don.youth"]
        cls.y = {
            key: Youth.create({"name": f"Netwerk {key.upper()}", "company_id": cls.company_a.id})
            for key in ("a", "b", "c", "d", "e", "f")
        }
        cls.group_station = cls.env["don.group"].create(
            {"name": "Groep Stationsplein", "company_id": cls.company_a.id}
        )
        cls.group_b = cls.env["don.group"].create(
            {"name": "Groep Andersveen", "company_id": cls.company_b.id}
        )

    @classmethod
    def relate(cls, source, target, **vals):
        values = {
            "relation_type": "friendship",
            "domain_id": cls.dom_soc.id,
            "sharing_level": "kernteam",
            "legal_basis_id": cls.basis.id,
            "author_id": cls.kt_soc.id,
            "company_id": source.company_id.id,
        }
        for side, node in (("source", source), ("target", target)):
            kind = "youth" if node._name == "don.youth" else "group"
            values[f"{side}_{kind}_id"] = node.id
        values.update(vals)
        return cls.env["don.network.relation"].create(values)

    def network(self, user, node, depth=3, as_of=None):
        return (
            self.env["don.network.relation"]
            .with_user(user)
            .get_network(node._name, node.id, depth, as_of)
        )

    @staticmethod
    def by_name(data, key="betweenness"):
        return {node["name"][-1].lower(): node[key] for node in data["nodes"]}


@tagged("post_install", "-at_install", "don_network")
class TestNetwork(DonNetworkCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        y = cls.y
        # Two triangles a-b-c and d-e-f joined by the bridge c-d.
        for a, b in (
            ("a", "b"),
            ("b", "c"),
            ("a", "c"),
            ("c", "d"),
            ("d", "e"),
            ("e", "f"),
            ("d", "f"),
        ):
            cls.relate(y[a], y[b])

    def test_two_triangles_through_get_network(self):
        data = self.network(self.kt_soc, self.y["a"], depth=3)
        self.assertEqual(data["metrics"]["node_count"], 6)
        self.assertEqual(data["metrics"]["edge_count"], 7, "e-f, both at depth 3, is included")
        self.assertEqual(self.by_name(data), {"a": 0, "b": 0, "c": 6, "d": 6, "e": 0, "f": 0})
        self.assertEqual(
            self.by_name(data, "degree"), {"a": 2, "b": 2, "c": 3, "d": 3, "e": 2, "f": 2}
        )
        communities = self.by_name(data, "community")
        self.assertEqual(communities["a"], communities["c"])
        self.assertEqual(communities["d"], communities["f"])
        self.assertNotEqual(communities["c"], communities["d"])
        self.assertEqual(data["metrics"]["community_count"], 2)
        root = [node for node in data["nodes"] if node["is_root"]]
        self.assertEqual([node["res_id"] for node in root], self.y["a"].ids)

    def test_depth_limit(self):
        counts = {
            depth: self.network(self.kt_soc, self.y["a"], depth=depth)["metrics"]["node_count"]
            for depth in (1, 2, 3)
        }
        self.assertEqual(counts, {1: 3, 2: 4, 3: 6})
        data = self.network(self.kt_soc, self.y["a"], depth=1)
        self.assertEqual(data["metrics"]["edge_count"], 3, "a-b, a-c and b-c among them")
        self.assertEqual({n["distance"] for n in data["nodes"]}, {0, 1})
        for depth in (0, 4, "x"):
            with self.assertRaises(UserError):
                self.network(self.kt_soc, self.y["a"], depth=depth)
        with self.assertRaises(UserError):
            self.env["don.network.relation"].get_network("res.partner", 1, 1)
        with self.assertRaises(UserError):
            self.network(self.kt_soc, self.y["a"], as_of="31-31-2026")

    def test_as_of_date(self):
        # The bridge only existed in 2025: before and after, two networks.
        bridge = self.env["don.network.relation"].search(
            [("source_youth_id", "=", self.y["c"].id), ("target_youth_id", "=", self.y["d"].id)]
        )
        bridge.write({"date_from": date(2025, 1, 1), "date_to": date(2025, 12, 31)})
        self.relate(self.y["a"], self.y["f"], date_from=date(2026, 3, 1), relation_type="recruiter")
        during = self.network(self.kt_soc, self.y["a"], as_of="2025-06-01")
        self.assertEqual(during["metrics"]["node_count"], 6)
        self.assertEqual(self.by_name(during)["c"], 6)
        before = self.network(self.kt_soc, self.y["a"], as_of="2024-06-01")
        self.assertEqual(before["metrics"]["node_count"], 3)
        self.assertEqual(self.by_name(before), dict.fromkeys("abc", 0))
        after = self.network(self.kt_soc, self.y["a"], as_of="2026-06-01")
        self.assertEqual(after["metrics"]["node_count"], 6, "now through the recruiter a > f")
        self.assertIn("recruiter", {edge["type"] for edge in after["edges"]})
        self.assertEqual(self.by_name(after)["c"], 0)
        self.assertEqual(self.by_name(after)["a"], 6)
        every_period = self.network(self.kt_soc, self.y["a"])
        self.assertEqual(every_period["metrics"]["edge_count"], 8)

    def test_police_relation_absent_for_social_domain(self):
        # A police-only relation a-e short-cuts the bridge for the police.
        secret = self.relate(
            self.y["a"],
            self.y["e"],
            domain_id=self.dom_pol.id,
            sharing_level="domain",
            legal_basis_id=False,
            author_id=self.kt_pol.id,
            relation_type="found_together",
        )
        pol = self.network(self.kt_pol, self.y["a"])
        soc = self.network(self.kt_soc, self.y["a"])
        self.assertIn(secret.id, [edge["id"] for edge in pol["edges"]])
        self.assertEqual(pol["metrics"]["edge_count"], 8)
        self.assertNotIn(secret.id, [edge["id"] for edge in soc["edges"]])
        self.assertEqual(soc["metrics"]["edge_count"], 7)
        self.assertNotIn("found_together", str(soc["edges"]))
        # The bridging position of c and d depends on who looks.
        self.assertEqual(self.by_name(soc)["c"], 6)
        self.assertLess(self.by_name(pol)["c"], 6)
        self.assertEqual(self.by_name(soc, "degree")["e"], 2)
        self.assertEqual(self.by_name(pol, "degree")["e"], 3)
        # Nor in searches, counts, groupings or labels.
        Relation = self.env["don.network.relation"].with_user(self.kt_soc)
        self.assertFalse(Relation.search([("id", "=", secret.id)]))
        self.assertEqual(Relation.search_count([("relation_type", "=", "found_together")]), 0)
        groups = dict(Relation._read_group([], ["relation_type"], ["__count"]))
        self.assertNotIn("found_together", groups)
        self.assertNotIn(secret.id, [rid for rid, _label in Relation.name_search("Netwerk")])
        with self.assertRaises(AccessError):
            secret.with_user(self.kt_soc).read(["relation_type"])
        label = secret.with_user(self.kt_soc).display_name
        self.assertNotIn("Netwerk", label)

    def test_node_not_visible_hides_its_relations(self):
        # The professional sees youth_a through its case, not youth_b: a
        # relation between them, even one listing the professional, stays
        # hidden, and so does youth_b.
        relation = self.relate(
            self.youth_a,
            self.youth_b,
            sharing_level="involved",
            legal_basis_id=False,
            user_ids=[Command.set(self.prof_soc.ids)],
        )
        self.assertTrue(self.can_read(self.kt_soc, relation))
        self.assertFalse(self.can_read(self.prof_soc, relation))
        data = self.network(self.prof_soc, self.youth_a)
        self.assertEqual(
            data["metrics"],
            {
                "node_count": 1,
                "edge_count": 0,
                "community_count": 1,
                "density": 0.0,
            },
        )
        self.assertNotIn(str(self.youth_b.id), str([n["id"] for n in data["nodes"]]))
        # Nor can they start from it.
        with self.assertRaises(AccessError):
            self.network(self.prof_soc, self.youth_b)
        # Nor record a relation to it.
        with self.assertRaises(AccessError):
            self.env["don.network.relation"].with_user(self.prof_soc).create(
                {
                    "source_youth_id": self.youth_a.id,
                    "target_youth_id": self.youth_b.id,
                    "domain_id": self.dom_soc.id,
                    "relation_type": "friendship",
                }
            )

    def test_group_invisible_to_professional(self):
        self.relate(
            self.youth_a,
            self.group_station,
            relation_type="member",
            user_ids=[Command.set(self.prof_soc.ids)],
        )
        kt = self.network(self.kt_soc, self.youth_a, depth=1)
        self.assertEqual({n["kind"] for n in kt["nodes"]}, {"youth", "group"})
        prof = self.network(self.prof_soc, self.youth_a, depth=1)
        self.assertEqual([n["kind"] for n in prof["nodes"]], ["youth"])
        self.group_station.user_ids = [Command.link(self.prof_soc.id)]
        prof = self.network(self.prof_soc, self.youth_a, depth=1)
        self.assertEqual(sorted(n["kind"] for n in prof["nodes"]), ["group", "youth"])
        self.assertEqual(self.group_station.with_user(self.kt_soc).member_youth_ids, self.youth_a)

    def test_constraints(self):
        Relation = self.env["don.network.relation"]
        base = {
            "domain_id": self.dom_soc.id,
            "relation_type": "friendship",
            "company_id": self.company_a.id,
        }
        bad = [
            {"source_youth_id": self.y["a"].id},
            {
                "source_youth_id": self.y["a"].id,
                "source_group_id": self.group_station.id,
                "target_youth_id": self.y["b"].id,
            },
            {"source_youth_id": self.y["a"].id, "target_youth_id": self.y["a"].id},
            {"source_youth_id": self.y["a"].id, "target_group_id": self.group_b.id},
            {
                "source_youth_id": self.y["a"].id,
                "target_youth_id": self.y["b"].id,
                "date_from": date(2026, 2, 1),
                "date_to": date(2026, 1, 1),
            },
        ]
        for vals in bad:
            with self.subTest(vals=vals), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    Relation.create({**base, **vals})

    def test_queries_do_not_grow_with_the_network(self):
        Relation = self.env["don.network.relation"].with_user(self.kt_soc)

        def count(node):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            Relation.get_network(node._name, node.id, 2, "2026-01-01")
            return self.env.cr.sql_log_count - before

        count(self.y["f"])  # warm the caches (rules, registry)
        small = count(self.y["f"])
        hub = self.env["don.youth"].create({"name": "Hub", "company_id": self.company_a.id})
        for index in range(15):
            leaf = self.env["don.youth"].create(
                {"name": f"Blad {index}", "company_id": self.company_a.id}
            )
            self.relate(hub, leaf)
            self.relate(leaf, self.y["f"])
        self.assertEqual(count(hub), small)


@tagged("post_install", "-at_install", "don_security", "don_network")
class TestNetworkAccessMatrix(DonNetworkCommon):
    """Role x domain x create/read/write/unlink on groups and relations."""

    def assertMatrix(self, check, record_or_model, expected, *args):
        everybody = self.don_users | self.outsiders | self.kt_b
        got = {user.login for user in everybody if check(user, record_or_model, *args)}
        self.assertEqual(
            got, {user.login for user in expected}, f"{check.__name__} on {record_or_model}"
        )

    @property
    def kernteam(self):
        return self.pl | self.kt_vei | self.kt_soc | self.kt_pol | self.kt_om

    def test_group_matrix(self):
        group = self.group_station
        group.user_ids = [Command.set(self.prof_vei.ids)]
        self.assertMatrix(self.can_read, group, self.kernteam | self.prof_vei)
        self.assertMatrix(self.can_read, self.group_b, self.kt_b)
        self.assertMatrix(self.can_write, group, self.kernteam, {"description": "Verplaatst"})
        self.assertMatrix(self.can_unlink, group, self.pl)
        vals = {"name": "Nieuwe groep", "company_id": self.company_a.id}
        self.assertMatrix(self.can_create, "don.group", self.kernteam, vals)

    def test_relation_matrix(self):
        y = self.y
        shared = self.relate(y["a"], y["b"])
        police = self.relate(
            y["a"],
            y["c"],
            domain_id=self.dom_pol.id,
            sharing_level="domain",
            legal_basis_id=False,
            author_id=self.kt_pol.id,
        )
        involved = self.relate(
            y["a"],
            y["d"],
            sharing_level="involved",
            legal_basis_id=False,
            user_ids=[Command.set(self.kt_om.ids)],
        )
        self.assertMatrix(self.can_read, shared, self.kernteam)
        self.assertMatrix(self.can_read, police, self.kt_pol)
        self.assertMatrix(self.can_read, involved, self.kt_soc | self.kt_om)
        # Editing: the author and the owning domain (who may see it).
        self.assertMatrix(self.can_write, shared, self.kt_soc, {"reliability": "reliable"})
        self.assertMatrix(self.can_write, police, self.kt_pol, {"reliability": "reliable"})
        self.assertMatrix(self.can_unlink, shared, self.kt_soc)
        self.assertMatrix(self.can_unlink, police, self.kt_pol)
        vals = {
            "source_youth_id": y["e"].id,
            "target_youth_id": y["f"].id,
            "relation_type": "found_together",
            "domain_id": self.dom_soc.id,
            "company_id": self.company_a.id,
        }
        # Users of the domain who see both young people.
        self.assertMatrix(self.can_create, "don.network.relation", self.kt_soc, vals)
        vals["domain_id"] = self.dom_pol.id
        self.assertMatrix(self.can_create, "don.network.relation", self.kt_pol, vals)
        vals.update(source_youth_id=self.youth_a.id, domain_id=self.dom_soc.id)
        vals["target_youth_id"] = self.y["f"].id
        # The professional sees youth_a, not y["f"].
        self.assertMatrix(self.can_create, "don.network.relation", self.kt_soc, vals)

    def test_access_follows_the_nodes(self):
        relation = self.relate(
            self.youth_a,
            self.youth_b,
            user_ids=[Command.set(self.prof_soc.ids)],
            sharing_level="involved",
            legal_basis_id=False,
        )
        self.assertFalse(self.can_read(self.prof_soc, relation))
        # Once the professional is involved in a case of youth_b, they see
        # both ends, and the relation.
        self.case_b.involved_user_ids = [Command.link(self.prof_soc.id)]
        self.assertTrue(self.can_read(self.prof_soc, relation))
        self.case_b.involved_user_ids = [Command.unlink(self.prof_soc.id)]
        self.assertFalse(self.can_read(self.prof_soc, relation))

    def test_group_leak_channels(self):
        # A professional not listed on the group finds it nowhere.
        Group = self.env["don.group"].with_user(self.prof_soc)
        self.assertFalse(Group.name_search("Stationsplein"))
        self.assertEqual(Group.search_count([]), 0)
        self.assertFalse(Group._read_group([], ["kind"], ["__count"]))
        label = self.group_station.with_user(self.prof_soc).display_name
        self.assertNotIn("Stationsplein", label)
        # Another municipality neither.
        self.assertFalse(self.env["don.group"].with_user(self.kt_b).name_search("Stationsplein"))
        self.assertTrue(self.env["don.group"].with_user(self.kt_soc).name_search("Stationsplein"))

    def test_export_needs_the_right(self):
        relation = self.relate(self.y["a"], self.y["b"])
        with self.assertRaises(AccessError):
            relation.with_user(self.kt_soc).export_data(["relation_type"])
        with self.assertRaises(AccessError):
            self.group_station.with_user(self.kt_soc).export_data(["name"])


@tagged("post_install", "-at_install", "is_tour", "don_tour", "don_network")
class TestNetworkTour(HttpCase, DonNetworkCommon):
    def test_network_tour(self):
        y = self.y
        self.relate(y["a"], y["b"], relation_type="family")
        self.relate(y["a"], self.group_station, relation_type="member")
        # Only in 2025: gone from today's picture.
        self.relate(
            y["a"],
            y["c"],
            relation_type="recruiter",
            directed=True,
            date_from=date(2025, 1, 1),
            date_to=date(2025, 12, 31),
        )
        self.start_tour(
            f"/odoo/action-don_core.don_youth_action/{y['a'].id}?cids={self.company_a.id}",
            "don_network_tour",
            login="t_kt_soc",
        )
