# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import CUBES, DonReportCommon

# Model -> roles that read it (the others get AccessError). Nobody writes,
# creates or deletes a report cube.
READERS = {
    "don.report.signal": {"pl", "reporting"},
    "don.report.case": {"pl", "reporting"},
    "don.report.intervention": {"pl", "reporting"},
    "don.report.goal": {"pl", "reporting"},
    "don.period.report": {"pl", "reporting"},
    "don.period.report.line": {"pl", "reporting"},
    "don.evaluation": {"pl", "kt_vei"},
}
WRITERS = {
    "don.period.report": {"pl"},
    "don.period.report.line": {"pl"},
    "don.evaluation": {"pl"},
}
ROLES = ("pl", "kt_vei", "prof_soc", "manager", "reporting", "privacy", "plain")


@tagged("post_install", "-at_install")
class TestAccessMatrix(DonReportCommon):
    def test_access_matrix(self):
        """Role x model x operation, as the ACL answers it."""
        for model, readers in READERS.items():
            for role in ROLES:
                user = getattr(self, role)
                Model = self.env[model].with_user(user)
                for operation in ("read", "write", "create", "unlink"):
                    allowed = role in (readers if operation == "read" else WRITERS.get(model, ()))
                    with self.subTest(model=model, role=role, operation=operation):
                        self.assertEqual(
                            Model.has_access(operation), allowed, f"{role} {operation} {model}"
                        )

    def test_reporting_never_reads_personal_records(self):
        for model in ("don.case", "don.youth", "don.signal", "don.case.note", "don.intervention"):
            Model = self.env[model].with_user(self.reporting)
            with self.assertRaises(AccessError):
                Model.search([])
        records = self.env["don.signal"].search([], limit=1) | self.env["don.signal"]
        with self.assertRaises(AccessError):
            records.with_user(self.reporting).read(["name"])
        with self.assertRaises(AccessError):
            self.case_a.with_user(self.reporting).read(["reference"])
        with self.assertRaises(AccessError):
            self.youth_a.with_user(self.reporting).read(["name"])

    def test_cubes_are_read_only(self):
        for model in CUBES:
            rows = self.env[model].with_user(self.pl).search([], limit=1)
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.pl).check_access("write")
            if rows:
                with self.assertRaises(AccessError):
                    rows.with_user(self.pl).write({"figure": 3})
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.reporting).create({"figure": 3})

    def test_name_search_and_labels(self):
        """Many2one labels of the cubes are catalogue labels only."""
        rows = (
            self.env["don.report.signal"]
            .with_user(self.reporting)
            .search_read(
                [("dimension", "=", "neighbourhood")], ["neighbourhood_id", "display_name"]
            )
        )
        labels = {str(row["neighbourhood_id"]) + row["display_name"] for row in rows}
        for label in labels:
            self.assertNotIn("Noah", label)
            self.assertNotIn("SIGNAALGEHEIM", label)
