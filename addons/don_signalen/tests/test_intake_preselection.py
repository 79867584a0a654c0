# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The public address of the reporting page (printed on the signal cards)
and the signal card a reporter comes from (?doelgroep=...&categorie=...
of its QR code): checked against what exists, never trusted; the form
keeps working for any value."""

import re
from urllib.parse import urlencode

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from odoo.exceptions import ValidationError
from odoo.tests import HttpCase, TransactionCase, tagged

from ..models.don_signal_intake import (
    AUDIENCE_FIELDS,
    MAX_PRESELECTED,
    parse_preselection,
)
from ..models.res_company import normalize_public_url
from .test_intake import IntakeCommon
from .test_intake_fuzz import ANY_TEXT, ODD_IDS

PUBLIC_URL = "https://meldpunt.testdorp.example/don/melden"


@tagged("post_install", "-at_install", "don_intake")
class TestPublicUrl(TransactionCase):
    def test_named_addresses(self):
        cases = {
            "https://meldpunt.gemeente.example": "https://meldpunt.gemeente.example/don/melden",
            " https://meldpunt.gemeente.example/ ": "https://meldpunt.gemeente.example/don/melden",
            "https://a.example/odoo": "https://a.example/odoo/don/melden",
            "https://a.example/don/melden/": "https://a.example/don/melden",
            "https://a.example:8443/don/melden": "https://a.example:8443/don/melden",
        }
        for typed, stored in cases.items():
            self.assertEqual(normalize_public_url(typed), stored, typed)
        for bad in (
            "http://a.example",  # not https: a report about a minor in plain text
            "https://user:pw@a.example",
            "https://a.example/?x=1",
            "https://a.example/#top",
            "https://a.example/a b",
            "https://a.example\x00/",
            "https://a.example:0",
            "https://a.example:99999",
            "https://-a.example",
            "https://a.example//x",
            "javascript:alert(1)",
            "https://",
            "https://\uff41.example",  # a full-width letter
            "",
        ):
            self.assertIsNone(normalize_public_url(bad), repr(bad))

    @given(ANY_TEXT)
    @settings(max_examples=300, deadline=None)
    def test_normalized_address_is_safe(self, value):
        url = normalize_public_url(value)
        if url is not None:
            self.assertTrue(url.startswith("https://"))
            self.assertTrue(url.endswith("/don/melden"))
            self.assertFalse(re.search(r"[\s?#@\\\x00-\x1f\x7f]", url))
            self.assertEqual(normalize_public_url(url), url)

    def test_company_setting(self):
        company = self.env["res.company"].create({"name": "Gemeente Adrestest"})
        company.don_intake_public_url = "https://meldpunt.adrestest.example/"
        self.assertEqual(
            company.don_intake_public_url, "https://meldpunt.adrestest.example/don/melden"
        )
        with self.assertRaises(ValidationError):
            company.don_intake_public_url = "http://meldpunt.adrestest.example"
        company.don_intake_public_url = "  "
        self.assertFalse(company.don_intake_public_url)

    def test_reporting_link_is_the_public_address_never_the_server(self):
        company = self.env["res.company"].create({"name": "Gemeente Linktest"})
        partner = self.env["res.partner"].create(
            {"name": "Linkcollege", "is_company": True, "company_id": company.id}
        )
        partner.action_don_generate_intake_token()
        self.env["ir.config_parameter"].sudo().set_param("web.base.url", "http://localhost:8069")
        self.assertFalse(partner.don_intake_url)
        company.don_intake_public_url = PUBLIC_URL
        partner.invalidate_recordset(["don_intake_url"])
        self.assertEqual(partner.don_intake_url, f"{PUBLIC_URL}/{partner.don_intake_token}")


@tagged("post_install", "-at_install", "don_intake")
class TestPreselectionParser(IntakeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Indicator = cls.env["don.indicator"]
        cls.category_school = cls.env["don.signal.category"].create({"name": "Test op school"})
        cls.ind_school = Indicator.create(
            {
                "name": "Test alleen op school",
                "category_id": cls.category_school.id,
                "audience_sportclub": False,
            }
        )
        cls.ind_club = Indicator.create(
            {
                "name": "Test alleen bij de club",
                "category_id": cls.category_school.id,
                "audience_school": False,
            }
        )

    def _groups(self, audience, category_ids):
        Intake = self.env["don.signal.intake"]
        categories = Intake._form_values(self.company_a)["categories"]
        return categories, Intake._form_groups(categories, audience, category_ids)

    def test_card_of_a_school(self):
        _categories, (card, other) = self._groups("school", [self.category_school.id])
        self.assertEqual([c for c, _i in card], [self.category_school])
        self.assertEqual(card[0][1], self.ind_school)
        # The rest of the form is still there, apart.
        others = self.env["don.indicator"].browse()
        for _category, indicators in other:
            others |= indicators
        self.assertIn(self.ind_club, others)
        self.assertIn(self.indicator, others)

    def test_unknown_values_are_no_preselection(self):
        categories, (card, other) = self._groups(None, [])
        self.assertEqual([c for c, _i in card], list(categories))
        self.assertEqual(other, [])
        for audience, raw in (("bestuur", ""), ("school\x00", ""), (None, "²,٣,-1,0")):
            parsed = parse_preselection(audience, raw)
            self.assertEqual(parsed, (None, []), (audience, raw))
        # Ids of categories that do not exist (or are not on the form) are left out.
        missing = self.env["don.signal.category"].search([], order="id desc", limit=1).id + 1000
        _categories, (card, _other) = self._groups(None, [missing])
        self.assertEqual([c for c, _i in card], list(categories))

    @given(
        audience=st.one_of(st.none(), st.sampled_from(list(AUDIENCE_FIELDS)), ANY_TEXT),
        raw=st.one_of(st.none(), ANY_TEXT, st.lists(ODD_IDS, max_size=30).map(",".join)),
    )
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_preselection_never_loses_or_invents_a_sign(self, audience, raw):
        audience, ids = parse_preselection(audience, raw)
        self.assertTrue(audience is None or audience in AUDIENCE_FIELDS)
        self.assertLessEqual(len(ids), MAX_PRESELECTED)
        self.assertEqual(len(ids), len(set(ids)))
        self.assertTrue(all(isinstance(i, int) and 0 < i < 2**31 for i in ids))
        categories, (card, other) = self._groups(audience, ids)
        shown = [i.id for _c, indicators in card + other for i in indicators]
        # Every sign of the form is offered exactly once, and nothing else.
        self.assertEqual(sorted(shown), sorted(categories.indicator_ids.ids))


@tagged("post_install", "-at_install", "don_intake")
class TestPreselectionPages(HttpCase, IntakeCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_category = cls.env["don.signal.category"].create({"name": "Test online"})
        cls.other_indicator = cls.env["don.indicator"].create(
            {"name": "Test snel geld online", "category_id": cls.other_category.id}
        )

    def _page(self, url):
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return response, lxml_html.fromstring(response.content)

    def test_qr_code_of_a_card_opens_its_signs(self):
        url = f"/don/melden/{self.token}?doelgroep=school&categorie={self.category.id}"
        response, page = self._page(url)
        self.assertIn("signaalkaart voor scholen", page.get_element_by_id("don_card_hint").text)
        legends = [legend.text for legend in page.xpath("//legend")]
        self.assertEqual(legends[0], self.category.name)
        # The other signs are one click away, closed.
        details = page.get_element_by_id("don_other_signs")
        self.assertIsNone(details.get("open"))
        self.assertIn(self.other_indicator.name, details.text_content())
        self.assertEqual(page.xpath("//input[@name='doelgroep']/@value"), ["school"])
        self.assertEqual(page.xpath("//input[@name='categorie']/@value"), [str(self.category.id)])
        self.assertIn(self.school.name, response.text)

    def test_sent_again_after_an_error_keeps_the_card(self):
        url = f"/don/melden/{self.token}?doelgroep=school&categorie={self.category.id}"
        response, page = self._page(url)
        csrf = page.xpath("//input[@name='csrf_token']/@value")[0]
        response = self.url_open(
            f"/don/melden/{self.token}",
            data={
                "csrf_token": csrf,
                "name": "",
                "description": "",
                "doelgroep": "school",
                "categorie": str(self.category.id),
                "indicator_ids": [str(self.other_indicator.id)],
            },
        )
        self.assertEqual(response.status_code, 400)
        page = lxml_html.fromstring(response.content)
        self.assertTrue(page.xpath("//*[@id='don_card_hint']"))
        # A ticked sign among the others opens them.
        self.assertEqual(page.get_element_by_id("don_other_signs").get("open"), "open")
        checked = page.xpath("//input[@name='indicator_ids'][@checked]/@value")
        self.assertEqual(checked, [str(self.other_indicator.id)])

    @given(audience=ANY_TEXT, raw=st.one_of(ANY_TEXT, st.lists(ODD_IDS, max_size=8).map(",".join)))
    @settings(
        max_examples=25,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    def test_any_query_shows_the_form(self, audience, raw):
        query = urlencode({"doelgroep": audience, "categorie": raw})
        response = self.url_open(f"/don/melden?{query}", allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        page = lxml_html.fromstring(response.content)
        self.assertTrue(page.xpath("//form[@id='don_intake_form']"))
        shown = set(page.xpath("//input[@name='indicator_ids']/@value"))
        self.assertIn(str(self.indicator.id), shown)
        self.assertIn(str(self.other_indicator.id), shown)
