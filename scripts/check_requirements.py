"""Exit 0 when every requirement in the given file is installed, 1 otherwise."""

import sys
from importlib import metadata

try:
    from packaging.requirements import Requirement
except ImportError:  # pragma: no cover - packaging ships with pip/setuptools
    sys.exit(1)


def main(path):
    with open(path, encoding="utf-8") as handle:
        for raw in handle:
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            req = Requirement(line)
            if req.marker and not req.marker.evaluate():
                continue
            try:
                version = metadata.version(req.name)
            except metadata.PackageNotFoundError:
                return 1
            if req.specifier and not req.specifier.contains(version, prereleases=True):
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
