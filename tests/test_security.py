"""Security headers on reader and admin pages, cookies, login lock-out, deploy checks."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import make_mission

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long test password"  # noqa: S105 - throwaway test account


@pytest.fixture
def production(settings):
    """The HTTPS settings production runs with (tests otherwise speak plain HTTP)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    return settings


@pytest.fixture
def staff(client):
    user = User.objects.create_superuser("admin", None, PASSWORD)
    client.force_login(user)
    return client


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["Strict-Transport-Security"] == ("max-age=31536000; includeSubDomains; preload")


@pytest.mark.parametrize(
    "url",
    ["/", "/missions/", "/missions/timeline/", "/search/?q=x", "/open-data/", "/nowhere/"],
)
def test_reader_pages_carry_every_security_header(client, production, url):
    make_mission()
    response = client.get(url, secure=True)
    assert response.status_code in (200, 404)
    assert_security_headers(response)


def test_mission_page_and_its_cached_copy_carry_them_too(client, production):
    production.ATLAS_PAGE_CACHE_SECONDS = 600
    mission = make_mission()
    client.get(mission.get_absolute_url(), secure=True)
    cached = client.get(mission.get_absolute_url(), secure=True)
    assert cached["X-Atlas-Cache"] == "hit"
    assert_security_headers(cached)


@pytest.mark.parametrize(
    "name",
    [
        "admin:index",
        "admin:missions_mission_changelist",
        "admin:missions_mission_add",
        "admin:missions_mission_import",
        "admin:lessons_lesson_changelist",
    ],
)
def test_admin_pages_carry_every_security_header(staff, production, name):
    response = staff.get(reverse(name), secure=True)
    assert response.status_code == 200
    assert_security_headers(response)


def test_plain_http_is_redirected_to_https_except_the_health_check(client, production):
    response = client.get("/missions/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/missions/"
    assert client.get("/healthz").status_code == 200


def test_session_and_csrf_cookies_are_secure_and_http_only(client, production):
    User.objects.create_superuser("admin", None, PASSWORD)
    login = client.get(reverse("admin:login"), secure=True)
    csrf = login.cookies["csrftoken"]
    assert csrf["secure"] and csrf["httponly"]
    response = client.post(
        reverse("admin:login"),
        {"username": "admin", "password": PASSWORD, "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"] == "Lax"


def test_repeated_failed_logins_lock_the_account_out(client):
    User.objects.create_superuser("admin", None, PASSWORD)
    url = reverse("admin:login")
    for _ in range(4):
        response = client.post(url, {"username": "admin", "password": "wrong guess"})
        assert response.status_code == 200  # the form again, with its error
    fifth = client.post(url, {"username": "admin", "password": "wrong guess"})
    assert fifth.status_code == 429
    locked = client.post(url, {"username": "admin", "password": PASSWORD})
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert "_auth_user_id" not in client.session


def test_a_success_before_the_limit_resets_the_count(client):
    User.objects.create_superuser("admin", None, PASSWORD)
    url = reverse("admin:login")
    for _ in range(4):
        client.post(url, {"username": "admin", "password": "wrong guess"})
    assert client.post(url, {"username": "admin", "password": PASSWORD}).status_code == 302


def test_weak_passwords_are_refused():
    for weak in ("password", "12345678", "short"):
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a long and unusual passphrase for the atlas")


def test_the_admin_url_is_configurable():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.urls import reverse; "
            "print(reverse('admin:index'))",
        ],  # fmt: skip
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "peacekeeping.settings",
            "DJANGO_DEBUG": "1",
            "DJANGO_ADMIN_URL": "editors-7f3a/",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "/editors-7f3a/"


def test_check_deploy_reports_nothing_under_production_settings(tmp_path):
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            **inherited,
            "DJANGO_SETTINGS_MODULE": "peacekeeping.settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "x7!kQ2#mZ9@pL4$vB8^nR1&cT6*yH3(wE5)uJ0-gF2+sD9=aK7_qX4~" * 2,
            "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
            "DJANGO_SSL_REDIRECT": "1",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        },
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
