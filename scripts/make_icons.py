#!/usr/bin/env python3
# Copyright 2026 DON for Odoo
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Draw the Apps icon (static/description/icon.png, 128 x 128) of the DON
addons that have none: the don_core icon's rounded square and "DON", in a
colour of their own, with the addon's subject below. Needs Pillow (an Odoo
dependency) and the DejaVu fonts. Existing icons are kept unless --force.

    python3 scripts/make_icons.py [--force]
"""

import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
ICONS = {
    # addon: (background, subject)
    "don_core": ((46, 109, 164), None),
    "don_signalen": ((192, 90, 38), "signalen"),
    "don_bewustwording": ((46, 139, 87), "bewust"),
    "don_rapportage": ((102, 72, 148), "rapportage"),
    "don_bestuur": ((140, 40, 60), "bestuur"),
}
SIZE = 128


def draw(colour, subject):
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, SIZE - 1, SIZE - 1), radius=18, fill=(*colour, 255))
    big = ImageFont.truetype(FONT, 40)
    top = 44 if subject is None else 30
    pen.text((SIZE / 2, top), "DON", font=big, fill="white", anchor="mt")
    if subject:
        size = 18
        small = ImageFont.truetype(FONT, size)
        while pen.textlength(subject, font=small) > SIZE - 16:
            size -= 1
            small = ImageFont.truetype(FONT, size)
        pen.text((SIZE / 2, 82), subject, font=small, fill=(255, 255, 255, 230), anchor="mt")
    return image


def main(force=False):
    for addon, (colour, subject) in ICONS.items():
        target = ROOT / "addons" / addon / "static" / "description" / "icon.png"
        if target.exists() and not force:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        draw(colour, subject).save(target, optimize=True)
        print(f"wrote {target.relative_to(ROOT)}")


if __name__ == "__main__":
    main(force="--force" in sys.argv[1:])
