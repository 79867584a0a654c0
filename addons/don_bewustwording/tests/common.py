# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.addons.don_core.tests.common import don_test_user
from odoo.tests.common import TransactionCase

PROF = "don_core.group_don_professional"
KT = "don_core.group_don_kernteam"
PL = "don_core.group_don_projectleider"
SOC = "don_core.group_domain_sociaal"
VEI = "don_core.group_domain_veiligheid"


class DonAwarenessCommon(TransactionCase):
    """Users per DON role, two municipalities, a school and a football club,
    and a published signal card per audience."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US", no_reset_password=True))
        env = cls.env
        cls.company_a = env["res.company"].create({"name": "Gemeente Bewustdorp"})
        cls.company_b = env["res.company"].create({"name": "Gemeente Elders"})

        def user(login, groups, company=None):
            return don_test_user(
                env, login, groups, company or cls.company_a, mail_domain="bewustdorp.example"
            )

        cls.pl = user("b_pl", f"{PL},{VEI}")
        cls.kt = user("b_kt", f"{KT},{SOC}")
        cls.prof = user("b_prof", f"{PROF},{SOC}")
        cls.manager = user("b_manager", "don_core.group_don_manager")
        cls.reporting = user("b_reporting", "don_core.group_don_reporting")
        cls.privacy = user("b_privacy", "don_core.group_don_privacy")
        cls.plain = user("b_plain", "base.group_user")
        cls.pl_b = user("b_pl_b", f"{PL},{VEI}", company=cls.company_b)

        Partner = env["res.partner"]
        cls.club = Partner.create(
            {"name": "VV Testvoorde", "is_company": True, "don_org_type": "sportclub"}
        )
        cls.school = Partner.create(
            {"name": "Testlyceum", "is_company": True, "don_org_type": "school"}
        )
        cls.halt = Partner.create({"name": "Bureau HALT Test", "is_company": True})
        cls.club_contact = Partner.create(
            {
                "name": "Sanne Contactpersoon",
                "parent_id": cls.club.id,
                "email": "sanne.contact@vvtestvoorde.example",
                "phone": "06-12345678",
            }
        )
        cls.club.don_contact_id = cls.club_contact
        cls.club.action_don_generate_intake_token()

        Card = env["don.signal.card"].with_company(cls.company_a)
        cls.card_club = Card.create(
            {
                "name": "Signal card clubs",
                "audience": "sportclub",
                "company_id": cls.company_a.id,
                "intro": "For trainers and coaches.",
                "line_ids": [
                    Command.create(
                        {
                            "section": "route",
                            "name": "Meld Misdaad Anoniem",
                            "phone": "0800-7000",
                        }
                    )
                ],
            }
        )
        cls.card_club.action_load_catalogue()
        cls.card_club.action_publish()
        cls.channel = env.ref("don_signalen.channel_sportvereniging")
        cls.domain_soc = env.ref("don_core.domain_sociaal")

    @classmethod
    def _training(cls, partner, date_begin, attendees=0, campaign=None, company=None, **vals):
        event = cls.env["event.event"].create(
            {
                "name": f"Training {partner.name} {date_begin}",
                "don_is_training": True,
                "don_partner_id": partner.id,
                "don_campaign_id": campaign and campaign.id,
                "date_begin": date_begin,
                "date_end": date_begin.replace("17:00", "19:00"),
                "company_id": (company or cls.company_a).id,
                **vals,
            }
        )
        if attendees:
            regs = cls.env["event.registration"].create(
                [{"event_id": event.id, "name": f"Deelnemer {i}"} for i in range(attendees)]
            )
            regs.action_set_done()
        return event

    @classmethod
    def _signal(cls, partner, date_received, company=None):
        return cls.env["don.signal"].create(
            {
                "name": "Signal for reach test",
                "description": "Test",
                "channel_id": cls.channel.id,
                "reporter_type": "organisation",
                "reporter_partner_id": partner.id,
                "date_received": date_received,
                "domain_id": cls.domain_soc.id,
                "company_id": (company or cls.company_a).id,
            }
        )
