# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every printed file of DON, rendered for real (wkhtmltopdf) as the demo
user who prints it, in Dutch: its text (pdftotext) holds no English source
string of the DON addons that has a Dutch translation, every page has its
page number ("Pagina X van Y") and, where personal data is in it, the
marking "VERTROUWELIJK"; signal cards are one A4 page or one sheet of two
A6 pages, and their QR codes (decoded from the printed page) open the
municipality's public reporting page with the card's audience and
categories."""

import contextlib
import os
import re
import shutil
import socket
import subprocess
import tempfile
from urllib.parse import parse_qs, urlsplit

import polib

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

try:
    import zxingcpp
    from PIL import Image
except ImportError:  # requirements-dev.txt
    zxingcpp = None

DON_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage", "don_bestuur")
PUBLIC_URL = "https://meldpunt.eemvoorde.example/don/melden"
PAGE_RE = re.compile(r"Pagina (\d+) van (\d+)")
# Source strings that are Dutch too, or that are names in Dutch text.
NOT_ENGLISH = {"Kernteam", "Driehoek", "Logo", "Stage"}  # Stage: Dutch for internship


def english_sources():
    """The English source strings of the DON addons that have another Dutch
    translation, as regular expressions on whole words. Strings with
    placeholders or markup are left out (their parts are not printed as
    they are); very short ones too (they are Dutch words as well)."""
    found = set()
    for addon in DON_ADDONS:
        path = get_module_path(addon)
        if not path:
            continue
        po = polib.pofile(os.path.join(path, "i18n", "nl.po"))
        for entry in po:
            source = " ".join(entry.msgid.split())
            if (
                entry.obsolete
                or not entry.msgstr
                or " ".join(entry.msgstr.split()) == source
                or len(source) < 5
                or source in NOT_ENGLISH
                or re.search(r"[%{}<>()\[\]_=]|object\.", source)
            ):
                continue
            found.add(source)
    return {source: re.compile(r"(?<!\w)%s(?!\w)" % re.escape(source)) for source in found}


@tagged("post_install", "-at_install", "don_prints")
class TestPrints(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Report = cls.env["ir.actions.report"]
        if Report.get_wkhtmltopdf_state() != "ok" or not shutil.which("pdftotext"):
            cls.skip_reason = "wkhtmltopdf and pdftotext (poppler-utils) are needed"
            return
        cls.skip_reason = None
        cls.company = cls.env.ref("base.main_company")
        cls.company.don_intake_public_url = PUBLIC_URL
        # The text is checked: the assets are left out on purpose (see
        # don_core.tests.common.pdf_text), report.url points to a closed port.
        with contextlib.closing(socket.socket()) as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        cls.env["ir.config_parameter"].sudo().set_param("report.url", f"http://127.0.0.1:{port}")
        cls.english = english_sources()
        cls.tmp = tempfile.mkdtemp(prefix="don_prints_")

    @classmethod
    def tearDownClass(cls):
        if getattr(cls, "tmp", None):
            shutil.rmtree(cls.tmp, ignore_errors=True)
        super().tearDownClass()

    def setUp(self):
        super().setUp()
        if self.skip_reason:
            self.skipTest(self.skip_reason)

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def user(self, xmlid):
        user = self.env.ref(xmlid)
        self.assertEqual(user.lang, "nl_NL", xmlid)
        return user

    def render(self, report_ref, records, user, data=None):
        """The PDF of ``report_ref`` printed by ``user``: (path, [page texts])."""
        pdf, fmt = (
            self.env["ir.actions.report"]
            .with_user(user)
            .with_context(force_report_rendering=True, lang=user.lang)
            ._render_qweb_pdf(report_ref, records.ids, data=data)
        )
        self.assertEqual(fmt, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), report_ref)
        path = self.write_pdf(pdf)
        return path, self.pdf_pages(path)

    def write_pdf(self, pdf):
        fd, path = tempfile.mkstemp(suffix=".pdf", dir=self.tmp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf)
        return path

    def pdf_pages(self, path):
        """The text of every page of the PDF at ``path`` (pdftotext)."""
        text = subprocess.run(
            ["pdftotext", "-layout", path, "-"], capture_output=True, check=True, text=True
        ).stdout
        pages = text.split("\f")
        if pages and not pages[-1].strip():
            pages = pages[:-1]
        return pages

    def assertDutch(self, pages, label):
        text = " ".join(" ".join(pages).split())
        english = sorted(source for source, regex in self.english.items() if regex.search(text))
        self.assertFalse(english, f"{label}: English in the printed file: {english}")

    def assertMarked(self, pages, label, confidential):
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            self.assertEqual(
                PAGE_RE.findall(page)[-1:],
                [(str(number), str(total))],
                f"{label}: page {number} of {total} has no 'Pagina {number} van {total}'",
            )
            self.assertEqual(
                "VERTROUWELIJK" in page,
                confidential,
                f"{label}: page {number} {'lacks' if confidential else 'has'} the marking",
            )
            if confidential:
                self.assertIn("niet doorsturen", page, label)

    def qr_codes(self, path):
        """The texts of the QR codes on every page of the PDF at ``path``."""
        if zxingcpp is None:
            self.skipTest("zxing-cpp (requirements-dev.txt) decodes the QR codes")
        prefix = os.path.join(self.tmp, os.path.basename(path)[:-4])
        subprocess.run(["pdftoppm", "-r", "200", "-png", path, prefix], check=True)
        found = []
        for name in sorted(os.listdir(self.tmp)):
            if name.startswith(os.path.basename(prefix)) and name.endswith(".png"):
                with Image.open(os.path.join(self.tmp, name)) as image:
                    found += [
                        code.text
                        for code in zxingcpp.read_barcodes(image)
                        if code.format == zxingcpp.BarcodeFormat.QRCode
                    ]
        return found

    def assertCardQr(self, path, card, token=None):
        codes = self.qr_codes(path)
        self.assertEqual(len(codes), 1, f"one readable QR code on the card: {codes}")
        parts = urlsplit(codes[0])
        expected = f"{PUBLIC_URL}/{token}" if token else PUBLIC_URL
        self.assertEqual(f"{parts.scheme}://{parts.netloc}{parts.path}", expected)
        query = parse_qs(parts.query)
        self.assertEqual(query["doelgroep"], [card.audience])
        categories = card.signal_line_ids.indicator_id.category_id
        self.assertTrue(categories)
        self.assertEqual(
            sorted(int(i) for i in query["categorie"][0].split(",")), sorted(categories.ids)
        )
        # Not the server's own address.
        base = self.env["ir.config_parameter"].sudo().get_param("web.base.url")
        self.assertFalse(codes[0].startswith(base))

    # ------------------------------------------------------------------
    # Kernteam
    # ------------------------------------------------------------------
    def test_minutes_per_reader(self):
        meeting = self.env["don.meeting"].search(
            [("agenda_item_ids", "!=", False), ("company_id", "=", self.company.id)], limit=1
        )
        self.assertTrue(meeting, "the demo has a Kernteam meeting with agenda items")
        texts = {}
        for xmlid in ("don_core.user_projectleider", "don_core.user_kt_sociaal"):
            reader = self.user(xmlid)
            _path, pages = self.render(
                "don_core.action_report_don_meeting_minutes", meeting, reader
            )
            self.assertMarked(pages, f"minutes for {reader.login}", confidential=True)
            self.assertDutch(pages, f"minutes for {reader.login}")
            text = " ".join(pages)
            self.assertIn(f"afgedrukt door {reader.name}", " ".join(text.split()))
            self.assertIn("Agendapunten", text)
            texts[xmlid] = text
        _path, pages = self.render(
            "don_core.action_report_don_meeting_agenda",
            meeting,
            self.user("don_core.user_projectleider"),
        )
        self.assertMarked(pages, "agenda", confidential=True)
        self.assertDutch(pages, "agenda")

    # ------------------------------------------------------------------
    # Reports
    # ------------------------------------------------------------------
    def test_period_report(self):
        leader = self.user("don_core.user_projectleider")
        report = (
            self.env["don.period.report"]
            .with_user(leader)
            .create(
                {
                    "name": "Rapportage testkwartaal",
                    "date_from": "2026-01-01",
                    "date_to": "2026-12-31",
                    "company_id": self.company.id,
                }
            )
        )
        report.action_generate()
        _path, pages = self.render("don_rapportage.action_report_don_period_report", report, leader)
        # Anonymised figures: page numbers, no marking.
        self.assertMarked(pages, "period report", confidential=False)
        self.assertDutch(pages, "period report")
        self.assertIn("Kerncijfers", " ".join(pages))

    def test_signal(self):
        signal = self.env.ref("don_signalen.signal_001")
        handler = self.user("don_core.user_kt_veiligheid")
        Log = self.env["don.access.log"]
        last = Log.search([], limit=1).id or 0
        _path, pages = self.render("don_signalen.action_report_don_signal", signal, handler)
        self.assertMarked(pages, "signal", confidential=True)
        self.assertDutch(pages, "signal")
        text = " ".join(" ".join(pages).split())
        for shown in (signal.reference, "Signaal", "Kees El Amrani", "Parkeerplaats Eemweg"):
            self.assertIn(shown, text)
        log = Log.search([("id", ">", last)])
        self.assertEqual((len(log), log.action, log.res_id), (1, "print", signal.id))

    def test_gezag_measure_letter(self):
        if "don.gezag.measure" not in self.env:
            self.skipTest("don_bestuur is not installed")
        measure = self.env.ref("don_bestuur.measure_milan_warning")
        mayor = self.user("don_bestuur.user_burgemeester")
        _path, pages = self.render("don_bestuur.action_report_gezag_measure_letter", measure, mayor)
        self.assertMarked(pages, "letter of the mayor", confidential=True)
        self.assertDutch(pages, "letter of the mayor")

    def test_project_plan(self):
        if "don.project.plan" not in self.env:
            self.skipTest("don_bestuur is not installed")
        plan = self.env.ref("don_bestuur.plan_eemvoorde_v1")
        for xmlid in ("don_core.user_projectleider", "don_bestuur.user_burgemeester"):
            reader = self.user(xmlid)
            _path, pages = self.render("don_bestuur.action_report_don_project_plan", plan, reader)
            # A policy document without personal data: page numbers, no marking.
            self.assertMarked(pages, f"project plan for {reader.login}", confidential=False)
            self.assertDutch(pages, f"project plan for {reader.login}")
            text = " ".join(" ".join(pages).split())
            self.assertIn("Stip op de horizon", text)
            self.assertIn("Versie 1", text)
            self.assertEqual(plan.state, "adopted", "the demo plan in force is version 1")
            self.assertIn("Vastgesteld", text)
            self.assertIn("Rollen en mandaten in het Kernteam", text)

    # ------------------------------------------------------------------
    # Privacy
    # ------------------------------------------------------------------
    def test_subject_request_export(self):
        privacy = self.user("don_core.user_privacy")
        # A young person registered by a Dutch Kernteam member (the demo
        # records' history was written before the Dutch names were loaded).
        kt = self.user("don_core.user_kt_sociaal")
        youth = (
            self.env["don.youth"]
            .with_user(kt)
            .with_context(lang=kt.lang)
            .create(
                {
                    "name": "Sem Printtest",
                    "date_of_birth": "2010-03-14",
                    "company_id": self.company.id,
                }
            )
        )
        request = (
            self.env["don.subject.request"]
            .with_user(privacy)
            .create(
                {
                    "kind": "inzage",
                    "requester_name": "Ouder van de jongere",
                    "requester_relation": "parent",
                    "company_id": self.company.id,
                    "search_name": youth.name,
                    "search_date_of_birth": youth.date_of_birth,
                }
            )
        )
        request.identity_checked = True
        request.action_find_youth()
        # As the officer does it: the export button attaches the PDF.
        request.with_context(lang=privacy.lang, force_report_rendering=True).action_export()
        attachment = request.export_attachment_ids.filtered(
            lambda a: a.mimetype == "application/pdf"
        )
        self.assertEqual(len(attachment), 1)
        pages = self.pdf_pages(self.write_pdf(attachment.sudo().raw))
        self.assertMarked(pages, "data-subject export", confidential=True)
        self.assertDutch(pages, "data-subject export")
        self.assertIn(youth.reference, " ".join(pages))

    def test_processing_register(self):
        privacy = self.user("don_core.user_privacy")
        _path, pages = self.render(
            "don_core.action_report_don_processing_register", self.company, privacy
        )
        # Purposes, bases and categories: no personal data, so no marking.
        self.assertMarked(pages, "processing register", confidential=False)
        self.assertDutch(pages, "processing register")

    # ------------------------------------------------------------------
    # Signal cards
    # ------------------------------------------------------------------
    def test_organisation_signal_cards(self):
        school = self.env.ref("don_core.partner_eemland_college")
        kt = self.user("don_core.user_kt_veiligheid")
        card = school.with_user(kt)._don_current_signal_card()
        self.assertTrue(card)
        for ref, size in (
            ("don_bewustwording.action_report_partner_signal_card", 1),
            ("don_bewustwording.action_report_partner_signal_card_pocket", 2),
        ):
            path, pages = self.render(ref, school, kt)
            self.assertEqual(len(pages), size, f"{ref}: {size} page(s)")
            self.assertDutch(pages, ref)
            text = " ".join(" ".join(pages).split())
            self.assertIn("Eemland College", text)
            self.assertIn("RISICOFACTOREN", text.upper())
            self.assertIn("BESCHERMENDE FACTOREN", text.upper())
            self.assertIn("112", text)
            self.assertNotIn("localhost", text)
            self.assertCardQr(path, card, token=school.sudo().don_intake_token)
        if len(pages) == 2:
            # Pocket card: signals on the front, factors and route on the back.
            self.assertIn("MOGELIJKE SIGNALEN", pages[0].upper())
            self.assertIn("RISICOFACTOREN", pages[1].upper())
            self.assertIn("112", pages[1])

    def test_audience_signal_cards(self):
        prof = self.user("don_core.user_jeugdconsulent")
        cards = self.env["don.signal.card"].search(
            [("state", "=", "published"), ("company_id", "=", self.company.id)]
        )
        self.assertTrue(cards)
        for card in cards:
            for ref, size in (
                ("don_bewustwording.action_report_signal_card", 1),
                ("don_bewustwording.action_report_signal_card_pocket", 2),
            ):
                path, pages = self.render(ref, card, prof)
                self.assertEqual(len(pages), size, f"{ref} {card.audience}: {size} page(s)")
                self.assertDutch(pages, f"{ref} {card.audience}")
                self.assertCardQr(path, card)
