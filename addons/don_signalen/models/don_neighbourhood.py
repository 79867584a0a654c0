# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math

from odoo import api, fields, models

# A phone's position further than this from every neighbourhood's centre is
# in no neighbourhood of the municipality (metres).
MAX_NEIGHBOURHOOD_DISTANCE = 3000
EARTH_RADIUS = 6371000


def distance(lat1, lon1, lat2, lon2):
    """Metres between two points (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS * math.asin(min(1.0, math.sqrt(a)))


class DonNeighbourhood(models.Model):
    """The centre of a neighbourhood, to place a phone's location (quick
    report) in the nearest one."""

    _inherit = "don.neighbourhood"

    latitude = fields.Float(
        string="Centre latitude", digits=(10, 6), help="Of the centre, e.g. 52.370216."
    )
    longitude = fields.Float(
        string="Centre longitude", digits=(10, 6), help="Of the centre, e.g. 4.895168."
    )

    @api.model
    def _don_nearest(self, latitude, longitude, company):
        """The neighbourhood of ``company`` whose centre is nearest to the
        point, if it lies within MAX_NEIGHBOURHOOD_DISTANCE; else empty."""
        # sudo: neighbourhood names and centres are configuration, not
        # personal data (the public form offers them too).
        hoods = self.sudo().search(
            [
                ("company_id", "in", [company.id, False]),
                ("latitude", "!=", 0),
                ("longitude", "!=", 0),
            ]
        )
        best, best_distance = self.browse(), MAX_NEIGHBOURHOOD_DISTANCE
        for hood in hoods:
            metres = distance(latitude, longitude, hood.latitude, hood.longitude)
            if metres <= best_distance:
                best, best_distance = hood, metres
        return self.browse(best.ids)
