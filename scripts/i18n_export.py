"""Refresh an addon's .pot from a database and merge it into i18n/nl.po.

Usage (after `-u <addon>` on that database):
    python3 scripts/i18n_export.py <config> <database> <addon> [<addon> ...]

Existing Dutch translations are kept by msgid; new entries are left empty
and listed, so that they can be translated before committing.
"""

import os
import subprocess
import sys

import polib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def addon_dir(name):
    for base in ("addons", "tests"):
        path = os.path.join(ROOT, base, name)
        if os.path.isdir(path):
            return path
    raise SystemExit(f"unknown addon {name}")


def main(config, database, addons):
    for addon in addons:
        i18n = os.path.join(addon_dir(addon), "i18n")
        pot_path = os.path.join(i18n, f"{addon}.pot")
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys, odoo.cli; sys.argv[0] = 'odoo'; odoo.cli.main()",
                "-c",
                config,
                "-d",
                database,
                f"--i18n-export={pot_path}",
                f"--modules={addon}",
                "--stop-after-init",
                "--log-level=warn",
            ],
            check=True,
        )
        pot = polib.pofile(pot_path)
        po_path = os.path.join(i18n, "nl.po")
        old = (
            {entry.msgid: entry.msgstr for entry in polib.pofile(po_path)}
            if os.path.exists(po_path)
            else {}
        )
        pot.metadata["Language"] = "nl"
        pot.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
        missing = []
        for entry in pot:
            entry.msgstr = old.get(entry.msgid, "")
            if not entry.msgstr:
                missing.append(entry.msgid)
        pot.save(po_path)
        print(f"{addon}: {len(pot)} entries, {len(missing)} without Dutch")
        for msgid in missing:
            print("   ", repr(msgid))


if __name__ == "__main__":
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
