# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The screen walk: every DON menu entry, as every demo role, in Chromium.

For each demo role, at 1440 px and at 390 px, the browser opens every DON
menu entry the role is offered and the first record's form (with each
notebook page at 1440 px), and the test fails on

(a) visible text equal to an English source string of the DON addons that has
    a Dutch translation (the msgids of the addons' ``i18n/nl.po``),
(b) console errors,
(c) an access error or an empty action (nothing to see, nothing to create)
    the role is offered in its menus.

With ``DON_GUIDE_SCREENSHOTS=1`` the walk also saves the screenshots of the
Dutch user guide (``docs/gebruikershandleiding.md``) into ``docs/img/``.
"""

import base64
import io
import json
import os
import re
from unittest.mock import patch

import polib
from PIL import Image

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged
from odoo.tests.common import ChromeBrowser

DON_ADDONS = ("don_core", "don_signalen", "don_bewustwording", "don_rapportage", "don_bestuur")

# One demo user per DON role (the Kernteam members of the other domains and
# the boa have the same menus and rules as kt.sociaal and jeugdconsulent):
# login -> the action a person of that role lands on after logging in.
DEMO_ROLES = {
    "projectleider": "don_core.don_kernteam_action",
    "kt.sociaal": "don_core.don_case_action",
    "om.agendalid": "don_core.don_case_action",
    "jeugdconsulent": "don_core.don_case_action",
    "beheerder": None,
    "privacy": "don_core.don_access_log_action",
    "rapportage": "don_rapportage.don_report_dashboard_action_open",
    "burgemeester": "don_bestuur.don_gezag_measure_action_mayor",
}

# Work queues: empty means "nothing to do", which is the good state.
EMPTY_QUEUES = (
    "don_signalen.menu_don_relation_suggestion",
    "don_signalen.menu_don_signal_feedback_overdue",
    "don_core.menu_don_retention_review",
    "don_bewustwording.menu_don_awareness_partner_due",
    # Found by the system, listed until closed: empty when there are none.
    "don_signalen.menu_don_match",
    "don_core.menu_don_access_exception",
)

# Problems found by the walk that are not solved yet (pattern, reason).
# Empty is the goal: a new problem fails the walk at once.
KNOWN_PROBLEMS = ()

SIZES = {"desktop": "1440x900", "mobile": "390x844"}
# At 390 px the roles that work on a phone in the field; DON_WALK_FULL=1 walks
# every role at both sizes (about twice as long).
MOBILE_ROLES = ("kt.sociaal", "jeugdconsulent", "burgemeester")

# English msgids that are also ordinary Dutch words on a screen.
SAME_IN_DUTCH = {
    "Open",
    "Status",
    "Team",
    "Details",
    "Type",
    "Info",
    "Online",
    "Code",
    "Agenda",
    "Model",
    "Contact",
    "Filter",
    "Website",
    "Training",
    "Trainingen",
    "School",
    "Kernteam",
    "Start",
}

# Screens of the Dutch tour of the screens (docs/rondleiding.md), taken by
# the walk with DON_GUIDE_SCREENSHOTS=1: (login, size, shot, title, text).
GUIDE_SHOTS = (
    (
        "projectleider",
        "desktop",
        "landing",
        "Het startscherm van de projectleider",
        "De projectleider begint op het Kernteam: de overleggen, de agenda en de acties.",
    ),
    (
        "kt.sociaal",
        "desktop",
        "don_core.menu_don_case",
        "Casussen",
        "Een Kernteamlid begint op de open casussen. Per casus: de jongere, de fase en de "
        "regisseur.",
    ),
    (
        "kt.sociaal",
        "desktop",
        "don_core.menu_don_case.form",
        "Een casus",
        "De casus met de samenvatting voor het Kernteam, de bijdragen per domein, het systeem "
        "rond de jongere en de interventies.",
    ),
    (
        "projectleider",
        "desktop",
        "don_signalen.menu_don_signal.form",
        "Een signaal",
        "Een signaal met één hoofdactie per fase (Triage starten, Afhandelen) en het deelniveau.",
    ),
    (
        "jeugdconsulent",
        "mobile",
        "landing",
        "De jeugdconsulent op de telefoon",
        "Een professional ziet alleen de eigen casussen en acties.",
    ),
    (
        "privacy",
        "desktop",
        "landing",
        "Het toegangslog",
        "De privacyfunctionaris begint op het toegangslog: wie opende welk dossier, wanneer.",
    ),
    (
        "rapportage",
        "desktop",
        "landing",
        "Het rapportagedashboard",
        "Rapportage ziet alleen geanonimiseerde cijfers; kleine aantallen zijn onderdrukt.",
    ),
    (
        "burgemeester",
        "desktop",
        "landing",
        "De maatregelen van de burgemeester",
        "De burgemeester ziet alleen de casussen met een voorgestelde of genomen maatregel.",
    ),
)

WALK_JS = os.path.join(
    os.path.dirname(os.path.dirname(__file__)), "static", "tests", "screen_walk.js"
)
REPO_DOCS = os.path.join(
    os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))), "docs"
)


def english_source_strings():
    """The English msgids of the DON addons that have a (different) Dutch msgstr."""
    strings = set()
    for addon in DON_ADDONS:
        path = get_module_path(addon)
        po_path = path and os.path.join(path, "i18n", "nl.po")
        if not po_path or not os.path.exists(po_path):
            continue
        for entry in polib.pofile(po_path):
            msgid = entry.msgid.strip()
            if not entry.msgstr or entry.msgstr.strip() == msgid or entry.obsolete:
                continue
            # Placeholders and markup never appear literally on a screen.
            if re.search(r"%[(sd]|\{|<", msgid) or len(msgid) < 3:
                continue
            strings.add(msgid)
    return sorted(strings - SAME_IN_DUTCH)


@tagged("post_install", "-at_install", "is_tour", "don_screen_walk")
class TestScreenWalk(HttpCase):
    """One browser per role and size; all problems of a walk in one failure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.english = english_source_strings()
        with open(WALK_JS, encoding="utf-8") as handle:
            cls.walk_js = handle.read()
        cls.guide = os.environ.get("DON_GUIDE_SCREENSHOTS") == "1"

    def _demo_users(self):
        Users = self.env["res.users"].with_context(active_test=False)
        users = Users.browse()
        # DON_WALK_LOGINS=login,login walks only those roles (local debugging).
        only = [login for login in os.environ.get("DON_WALK_LOGINS", "").split(",") if login]
        for login in only or DEMO_ROLES:
            user = Users.search([("login", "=", login)])
            if user:
                users |= user
        return users

    @staticmethod
    def _shot_file(login, size, name):
        return f"{login}-{size}-{name}.jpg".replace("don_", "").replace("menu_", "")

    def _write_guide(self):
        lines = [
            "# Rondleiding: de schermen van DON per rol",
            "",
            "<!-- Gegenereerd door tests/don_tests/tests/test_screen_walk.py met",
            "     DON_GUIDE_SCREENSHOTS=1; niet met de hand bewerken. -->",
            "",
            "De schermen zoals de demogebruikers ze zien (demo: `make run`, wachtwoord",
            "`don-demo`). De uitleg per onderwerp staat in de [handleiding](handleiding.md).",
            "",
        ]
        for login, size, name, title, text in GUIDE_SHOTS:
            width = "1440" if size == "desktop" else "390"
            lines += [
                f"## {title}",
                "",
                f"{text} (Gebruiker `{login}`, scherm {width} px breed.)",
                "",
                f"![{title}](img/{self._shot_file(login, size, name)})",
                "",
            ]
        with open(os.path.join(REPO_DOCS, "rondleiding.md"), "w", encoding="utf-8") as guide:
            guide.write("\n".join(lines))

    def _walk(self, login, size):
        results = []
        shots_dir = os.path.join(REPO_DOCS, "img")
        original = ChromeBrowser._handle_console

        def handle_console(browser, type, args=None, stackTrace=None, **kw):  # pylint: disable=redefined-builtin
            text = str(browser._from_remoteobject(args[0])) if args else ""
            if text.startswith("don-walk-result:"):
                results.append(json.loads(text[len("don-walk-result:") :]))
            elif text.startswith("don-shot:") and self.guide:
                name = text.split(":", 2)[2]
                path = os.path.join(shots_dir, self._shot_file(login, size, name))

                def save(future, path=path):
                    data = future.result(timeout=0).get("data")
                    if data:
                        # Small files in the repository: JPEG, 1200 px wide at most.
                        image = Image.open(io.BytesIO(base64.b64decode(data))).convert("RGB")
                        image.thumbnail((1200, 1200))
                        image.save(path, "JPEG", quality=70, optimize=True)

                browser._websocket_send(
                    "Page.captureScreenshot",
                    params={"format": "png"},
                    with_future=True,
                ).add_done_callback(save)
            return original(browser, type, args=args, stackTrace=stackTrace, **kw)

        config = {
            "login": login,
            "size": size,
            # The first record's form at 1440 px; at 390 px the menus (the
            # same forms again would double the walk's time).
            "forms": size == "desktop",
            # Screenshots only: the menus of the user guide, nothing else.
            "only_shots": self.guide,
            "english": self.english,
            "skip": [],
            "empty_queues": list(EMPTY_QUEUES),
            "deep_done": sorted(self.deep_done),
            "shots": [shot for lg, sz, shot, *_text in GUIDE_SHOTS if (lg, sz) == (login, size)]
            if self.guide
            else [],
        }
        code = self.walk_js.replace("__DON_WALK_CFG__", json.dumps(config))
        self.browser_size = SIZES[size]
        if self.guide:
            os.makedirs(shots_dir, exist_ok=True)
        with patch.object(ChromeBrowser, "_handle_console", handle_console):
            self.browser_js("/odoo", code, ready="odoo.isReady", login=login, timeout=300)
        result = results[0] if results else {}
        self.deep_done.update(result.get("deepDone", []))
        return result

    def test_screen_walk(self):
        self.deep_done = set()
        users = self._demo_users()
        if not os.environ.get("DON_WALK_LOGINS"):
            self.assertEqual(len(users), len(DEMO_ROLES), "the demo roles exist")
        for user in users:
            # browser_js logs in with the login as password.
            user.password = user.login
        for user in users:
            # DON_WALK_SIZES=desktop walks one size only (local debugging).
            sizes = [size for size in os.environ.get("DON_WALK_SIZES", "").split(",") if size]
            if self.guide:
                # Screenshots only: the sizes of this user's screenshots.
                sizes = [size for login, size, *_shot in GUIDE_SHOTS if login == user.login]
                if not sizes:
                    continue
            if not sizes and user.login not in MOBILE_ROLES and not os.environ.get("DON_WALK_FULL"):
                sizes = ["desktop"]
            for size in dict.fromkeys(sizes or SIZES):
                with self.subTest(login=user.login, size=size):
                    result = self._walk(user.login, size)
                    if not self.guide:
                        self.assertTrue(result.get("visited"), f"{user.login} walks DON menus")
                    problems = [
                        problem
                        for problem in result.get("problems", [])
                        if not any(re.search(known, problem) for known in KNOWN_PROBLEMS)
                    ]
                    self.assertFalse(
                        problems,
                        f"{user.login} at {size}: {len(problems)} problem(s):\n"
                        + "\n".join(problems),
                    )
                    expected = DEMO_ROLES[user.login]
                    if expected:
                        self.assertEqual(
                            user.action_id.id,
                            self.env.ref(expected).id,
                            f"{user.login} lands on their work",
                        )
                        landing = result.get("landing") or {}
                        self.assertNotEqual(landing.get("tag"), "mail.action_discuss", user.login)
                        self.assertTrue(
                            landing.get("res_model"), f"{user.login} lands on DON records"
                        )
        if self.guide:
            self._write_guide()
