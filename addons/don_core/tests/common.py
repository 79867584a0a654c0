# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import contextlib
import io
import socket

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests.common import TransactionCase, new_test_user
from odoo.tools.pdf import PdfReader


def don_test_user(env, login, groups, company, mail_domain="testdorp.example"):
    """A test user of one municipality, in English, with a fictional e-mail."""
    return new_test_user(
        env,
        login=login,
        groups=groups,
        company_id=company.id,
        company_ids=[Command.set(company.ids)],
        email=f"{login}@{mail_domain}",
        lang="en_US",
    )


def pdf_text(test, report_ref, records, user):
    """The text of the real PDF file of ``report_ref`` printed by ``user``
    (wkhtmltopdf, not the HTML fallback of test mode), whitespace folded.
    Skips the calling test when wkhtmltopdf is not installed."""
    Report = test.env["ir.actions.report"]
    if Report.get_wkhtmltopdf_state() != "ok":
        test.skipTest("wkhtmltopdf is not installed: the PDF is checked as HTML only")
    # wkhtmltopdf fetches the report's assets over HTTP from report.url.
    # The text is what is checked here, so the assets are left out on
    # purpose, the same on every machine: report.url points to a port where
    # nothing listens (never to whatever serves the default port 8069; with
    # the web fonts of the assets the text of the PDF cannot be extracted).
    with contextlib.closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        closed_port = sock.getsockname()[1]
    test.env["ir.config_parameter"].sudo().set_param(
        "report.url", f"http://127.0.0.1:{closed_port}"
    )
    pdf, fmt = (
        Report.with_user(user)
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report_ref, records.ids)
    )
    test.assertEqual(fmt, "pdf")
    return pdf_file_text(test, pdf)


def pdf_file_text(test, pdf):
    """The text of the PDF file ``pdf`` (bytes), whitespace folded."""
    test.assertTrue(pdf.startswith(b"%PDF"))
    pages = PdfReader(io.BytesIO(pdf)).pages
    return " ".join(" ".join(page.extract_text() for page in pages).split())


PROF = "don_core.group_don_professional"
KT = "don_core.group_don_kernteam"
PL = "don_core.group_don_projectleider"
VEI = "don_core.group_domain_veiligheid"
SOC = "don_core.group_domain_sociaal"
POL = "don_core.group_domain_politie"
OM = "don_core.group_domain_om"


class DonTestCommon(TransactionCase):
    """Two municipalities, a user per role and domain, and information at
    every sharing level from two domains on one case."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", no_reset_password=True))
        env = cls.env
        # Test users have no two-factor authentication: the requirement
        # (on by default) is tested on its own in test_privacy_2fa.py.
        cls.company_a = env["res.company"].create(
            {"name": "Gemeente Testdorp", "don_require_2fa": False}
        )
        cls.company_b = env["res.company"].create(
            {"name": "Gemeente Andersveen", "don_require_2fa": False}
        )

        def user(login, groups, company=None):
            return don_test_user(env, login, groups, company or cls.company_a)

        cls.pl = user("t_pl", f"{PL},{VEI}")
        cls.kt_vei = user("t_kt_vei", f"{KT},{VEI}")
        cls.kt_soc = user("t_kt_soc", f"{KT},{SOC}")
        cls.kt_pol = user("t_kt_pol", f"{KT},{POL}")
        cls.kt_om = user("t_kt_om", f"{KT},{OM}")
        cls.prof_soc = user("t_prof_soc", f"{PROF},{SOC}")
        cls.prof_vei = user("t_prof_vei", f"{PROF},{VEI}")
        cls.manager = user("t_manager", "don_core.group_don_manager")
        cls.reporting = user("t_reporting", "don_core.group_don_reporting")
        cls.privacy = user("t_privacy", "don_core.group_don_privacy")
        cls.plain = user("t_plain", "base.group_user")
        cls.kt_b = user("t_kt_b", f"{KT},{VEI}", company=cls.company_b)

        cls.dom_vei = env.ref("don_core.domain_veiligheid")
        cls.dom_soc = env.ref("don_core.domain_sociaal")
        cls.dom_pol = env.ref("don_core.domain_politie")
        cls.dom_om = env.ref("don_core.domain_om")
        cls.basis = env["don.legal.basis"].create(
            {
                "name": "Test covenant art. 5",
                "purpose": "Kernteam deliberation",
                "article": "art. 5",
            }
        )
        cls.factor = env["don.factor"].create(
            {"name": "Truancy", "kind": "risk", "life_area": "school"}
        )
        cls.itype = env["don.intervention.type"].create({"name": "Home visit", "line": "preventie"})
        Youth = env["don.youth"].with_company(cls.company_a)
        cls.youth_a = Youth.create({"name": "Noah Verbeek", "company_id": cls.company_a.id})
        cls.youth_b = Youth.create({"name": "Liam de Groot", "company_id": cls.company_a.id})
        cls.youth_z = env["don.youth"].create(
            {"name": "Zara Veenstra", "company_id": cls.company_b.id}
        )
        Case = env["don.case"]
        cls.case_a = Case.create(
            {
                "youth_id": cls.youth_a.id,
                "director_id": cls.kt_soc.id,
                "involved_user_ids": [Command.set(cls.prof_soc.ids)],
                "lead_domain_id": cls.dom_soc.id,
                "summary": "<p>Kernteam summary A</p>",
            }
        )
        cls.case_b = Case.create({"youth_id": cls.youth_b.id, "summary": "<p>Summary B</p>"})
        cls.case_z = Case.create({"youth_id": cls.youth_z.id, "company_id": cls.company_b.id})

        Note = env["don.case.note"]
        cls.note_pol = Note.create(
            {
                "case_id": cls.case_a.id,
                "name": "Politie: aangetroffen bij dealpand",
                "body": "POLITIE-GEHEIM aangetroffen met grote som contant geld",
                "domain_id": cls.dom_pol.id,
                "sharing_level": "domain",
                "author_id": cls.kt_pol.id,
                "note_type": "police",
            }
        )
        cls.note_soc = Note.create(
            {
                "case_id": cls.case_a.id,
                "name": "Zorg: gezinssituatie",
                "body": "ZORG-GEHEIM moeder heeft schulden",
                "domain_id": cls.dom_soc.id,
                "sharing_level": "domain",
                "author_id": cls.kt_soc.id,
                "note_type": "care",
            }
        )
        cls.note_kt = Note.create(
            {
                "case_id": cls.case_a.id,
                "name": "Politie: gedeeld met Kernteam",
                "body": "Contacten met oudere jongeren",
                "domain_id": cls.dom_pol.id,
                "sharing_level": "kernteam",
                "legal_basis_id": cls.basis.id,
                "author_id": cls.kt_pol.id,
                "note_type": "police",
            }
        )
        cls.note_inv = Note.create(
            {
                "case_id": cls.case_a.id,
                "name": "Alleen betrokkenen",
                "body": "BETROKKENEN-GEHEIM",
                "domain_id": cls.dom_soc.id,
                "sharing_level": "involved",
                "user_ids": [Command.set(cls.prof_soc.ids)],
                "author_id": cls.kt_soc.id,
                "note_type": "care",
            }
        )
        cls.note_z = Note.create(
            {
                "case_id": cls.case_z.id,
                "name": "Andersveen",
                "body": "ANDERSVEEN-GEHEIM",
                "domain_id": cls.dom_vei.id,
                "sharing_level": "kernteam",
                "legal_basis_id": cls.basis.id,
                "author_id": cls.kt_b.id,
            }
        )
        cls.factor_pol = env["don.case.factor"].create(
            {
                "case_id": cls.case_a.id,
                "factor_id": cls.factor.id,
                "domain_id": cls.dom_pol.id,
                "author_id": cls.kt_pol.id,
            }
        )
        cls.relation_soc = env["don.case.relation"].create(
            {
                "case_id": cls.case_a.id,
                "relation_type": "parent",
                "name": "Moeder Verbeek",
                "domain_id": cls.dom_soc.id,
                "author_id": cls.kt_soc.id,
            }
        )
        cls.intervention_kt = env["don.intervention"].create(
            {
                "case_id": cls.case_a.id,
                "name": "Huisbezoek jongerenwerk en wijkagent",
                "type_id": cls.itype.id,
                "domain_id": cls.dom_vei.id,
                "sharing_level": "kernteam",
                "legal_basis_id": cls.basis.id,
                "author_id": cls.kt_vei.id,
            }
        )
        cls.intervention_group = env["don.intervention"].create(
            {
                "name": "Weerbaarheidstraining groep Stationskwartier",
                "type_id": cls.itype.id,
                "target": "group",
                "group_description": "Groep jongeren bij het station",
                "domain_id": cls.dom_vei.id,
                "sharing_level": "domain",
                "company_id": cls.company_a.id,
                "author_id": cls.kt_vei.id,
            }
        )
        cls.don_users = (
            cls.pl + cls.kt_vei + cls.kt_soc + cls.kt_pol + cls.kt_om + cls.prof_soc + cls.prof_vei
        )
        cls.outsiders = cls.manager + cls.reporting + cls.privacy + cls.plain

    def visible(self, user, records):
        """The subset of ``records`` that ``user`` finds by searching."""
        model = records.with_user(user).with_context(active_test=False)
        return model.search([("id", "in", records.ids)])

    # ------------------------------------------------------------------
    # Assertions on what a user may do
    # ------------------------------------------------------------------
    def can_read(self, user, record):
        try:
            record.with_user(user).check_access("read")
            record.with_user(user).read(["display_name"])
        except AccessError:
            return False
        return True

    def _attempt(self, func):
        """Run ``func`` and roll it back; True when access was granted."""
        try:
            with self.env.cr.savepoint():
                func()
                self.env.flush_all()
                raise _RolledBack()
        except _RolledBack:
            return True
        except AccessError:
            return False
        finally:
            self.env.invalidate_all()

    def assert_attachment_follows_record(self, record, content, outsider, insider):
        """An attachment on ``record`` is found and read by ``insider`` only:
        ``outsider`` (no access to the record) neither finds nor reads it."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "proces-verbaal.txt",
                "datas": base64.b64encode(content.encode()),
                "res_model": record._name,
                "res_id": record.id,
            }
        )
        Attachment = self.env["ir.attachment"].with_user(outsider)
        self.assertFalse(Attachment.search([("id", "=", attachment.id)]))
        with self.assertRaises(AccessError):
            attachment.with_user(outsider).read(["datas"])
        self.assertTrue(attachment.with_user(insider).read(["datas"]))
        return attachment

    def can_write(self, user, record, vals):
        return self._attempt(lambda: record.with_user(user).write(vals))

    def can_unlink(self, user, record):
        return self._attempt(lambda: record.with_user(user).unlink())

    def can_create(self, user, model, vals):
        return self._attempt(lambda: self.env[model].with_user(user).create(vals))


class _RolledBack(Exception):
    """Raised to roll back a successful attempt."""
