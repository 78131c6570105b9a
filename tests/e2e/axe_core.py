"""axe-core for the browser tests: fetched once from the npm registry (a pinned version,
checked against its published integrity hash) into ``var/axe/axe.min.js``, then injected into
pages to check them against WCAG 2.1 A and AA.

    .venv/bin/python tests/e2e/axe_core.py     # fetch (make test-e2e does it)
"""

from __future__ import annotations

import base64
import hashlib
import io
import sys
import tarfile
import urllib.request
from pathlib import Path

VERSION = "4.14.1"
TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{VERSION}.tgz"
INTEGRITY = (
    "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/"
    "pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
)
SCRIPT = Path(__file__).resolve().parents[2] / "var" / "axe" / f"axe-{VERSION}.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}


def fetch() -> Path:
    if SCRIPT.exists():
        return SCRIPT
    with urllib.request.urlopen(TARBALL, timeout=60) as response:
        data = response.read()
    algorithm, expected = INTEGRITY.split("-", 1)
    digest = base64.b64encode(hashlib.new(algorithm, data).digest()).decode()
    if digest != expected:
        raise RuntimeError(f"axe-core {VERSION}: integrity mismatch ({digest})")
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        SCRIPT.parent.mkdir(parents=True, exist_ok=True)
        SCRIPT.write_bytes(member.read())
    return SCRIPT


def violations(page) -> list[dict]:
    """The page's serious and critical WCAG 2.1 A/AA violations, as axe reports them."""
    page.add_script_tag(path=str(SCRIPT))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [v for v in result["violations"] if v.get("impact") in BLOCKING_IMPACTS]


def describe(found: list[dict]) -> str:
    lines = []
    for violation in found:
        targets = [", ".join(node["target"]) for node in violation["nodes"][:5]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} — {targets}")
    return "\n".join(lines)


if __name__ == "__main__":
    try:
        print(fetch())
    except Exception as error:  # a network or integrity problem: say which
        sys.exit(f"Could not fetch axe-core {VERSION}: {error}")
