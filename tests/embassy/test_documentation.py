"""What a newcomer reads matches the code, and what the demo's privacy notice tells visitors
matches the settings and the deployment guide."""

import re

from django.conf import settings
from django.utils.html import strip_tags

from embassy.operations.demo_pages import PAGES


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


# --- The privacy notice says what the deployment and the settings do -------------------------


def privacy_notice(code: str) -> str:
    """The demo's privacy notice in a language, as the words a reader sees."""
    [notice] = [page for page in PAGES if page.purpose == "privacy"]
    return " ".join(strip_tags(notice.body[code]).split())


def deploy_guide_section(title: str) -> str:
    guide = (settings.BASE_DIR / "docs" / "deploy.md").read_text()
    return guide.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_privacy_notice_keeps_the_logs_as_long_as_the_deploy_guide_does():
    logs = deploy_guide_section("Logs and how long they are kept")
    nginx = re.findall(r"`rotate (\d+)`", logs)
    journal = re.findall(r"MaxRetentionSec=(\d+)day", logs)
    assert nginx and journal
    [days] = set(nginx) | set(journal) | set(re.findall(r"\*\*(\d+) days\*\*", logs))
    assert f"deleted after {days} days" in privacy_notice("en")
    assert f"удаляются через {days} дней" in privacy_notice("ru")


def test_the_privacy_notice_keeps_the_backups_as_long_as_the_deploy_guide_does():
    [days] = re.findall(r"-mtime \+(\d+) -delete", deploy_guide_section("Backup and restore"))
    assert f"they are kept for {days} days" in privacy_notice("en")
    assert f"они хранятся {days} дней" in privacy_notice("ru")


def test_the_privacy_notice_names_the_language_cookie_and_its_age_as_the_settings_do():
    days = settings.LANGUAGE_COOKIE_AGE // (24 * 60 * 60)
    english, russian = privacy_notice("en"), privacy_notice("ru")
    assert f"It is called {settings.LANGUAGE_COOKIE_NAME} and holds" in english
    assert f"Он называется {settings.LANGUAGE_COOKIE_NAME} и" in russian
    assert f"one year ({days} days)" in english and f"один год ({days} дней)" in russian
    assert settings.LANGUAGE_COOKIE_HTTPONLY and "scripts cannot read it" in english


def test_the_privacy_notice_gives_the_staff_limits_the_settings_set():
    english = privacy_notice("en")
    assert f"after {settings.STAFF_SESSION_IDLE_MINUTES} minutes without a request" in english
    assert f"{settings.STAFF_SESSION_MAX_HOURS} hours after you logged in" in english
    assert f"After {settings.AXES_FAILURE_LIMIT} failures for one account" in english
    cooloff = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    assert f"locked from there for {cooloff} minutes" in english
    assert f"deleted after {settings.VERSIONS_KEPT_DAYS} days, except the latest" in english
    russian = privacy_notice("ru")
    for number in (
        settings.STAFF_SESSION_IDLE_MINUTES,
        settings.STAFF_SESSION_MAX_HOURS,
        settings.AXES_FAILURE_LIMIT,
        cooloff,
        settings.VERSIONS_KEPT_DAYS,
    ):
        assert f" {number} " in russian, number
