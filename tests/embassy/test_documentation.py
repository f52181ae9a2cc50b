"""What a newcomer reads matches the code."""

import re

from django.conf import settings


def test_every_variable_the_settings_read_is_documented():
    """README's configuration table and .env.example name every variable settings.py reads."""
    source = (settings.BASE_DIR / "embassy" / "settings.py").read_text()
    names = set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z0-9_]+)"', source))
    readme = (settings.BASE_DIR / "README.md").read_text()
    # The first cell of each table row: "| `SESSION_COOKIE_SECURE`, `CSRF_COOKIE_SECURE` |".
    table = " ".join(line.split("|")[1] for line in readme.splitlines() if line.startswith("| `"))
    example = (settings.BASE_DIR / ".env.example").read_text()
    assert len(names) > 30, "the pattern no longer finds the variables in settings.py"
    assert {name for name in names if f"`{name}`" not in table} == set()
    # ENV_FILE names the file itself.
    assert {name for name in names - {"ENV_FILE"} if name not in example} == set()
