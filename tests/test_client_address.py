"""The login lock-out counts failures by the real client's address, behind a proxy or not.

Behind the load balancer every connection comes from the balancer's address, so counting by
REMOTE_ADDR would let five wrong passwords lock an editor out for everybody.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "a long test password"
BALANCER = "10.0.0.2"
CLIENT_A, CLIENT_B = "203.0.113.5", "198.51.100.7"


@pytest.fixture
def behind_proxy(settings):
    """What settings.py sets when DJANGO_BEHIND_PROXY is on."""
    settings.AXES_CLIENT_IP_CALLABLE = "peacekeeping.client_address.forwarded_address"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return settings


def log_in(client, password, **meta):
    url = reverse("admin:login")
    return client.post(url, {"username": "editor", "password": password}, **meta)


def fail_five_times(client, **meta):
    responses = [log_in(client, "wrong guess", **meta) for _ in range(5)]
    assert [response.status_code for response in responses] == [200] * 4 + [429]


def test_behind_a_proxy_failures_from_one_client_do_not_lock_out_another(client, behind_proxy):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    # The balancer appends the address it saw; client A's own header is kept in front.
    fail_five_times(client, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"1.2.3.4, {CLIENT_A}")

    from_b = log_in(client, PASSWORD, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=CLIENT_B)
    assert from_b.status_code == 302
    assert "_auth_user_id" in client.session


def test_behind_a_proxy_a_forged_forwarded_for_does_not_escape_a_lock_out(client, behind_proxy):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    fail_five_times(client, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=CLIENT_A)
    # Client A claims to be B: the balancer still appends A's address after the claim.
    forged = log_in(
        client, PASSWORD, REMOTE_ADDR=BALANCER, HTTP_X_FORWARDED_FOR=f"{CLIENT_B}, {CLIENT_A}"
    )
    assert forged.status_code == 429
    assert "_auth_user_id" not in client.session


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_a_lock_out(client, settings):
    assert settings.AXES_CLIENT_IP_CALLABLE == "peacekeeping.client_address.remote_address"
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    fail_five_times(client, REMOTE_ADDR=CLIENT_A)
    for forged in (CLIENT_B, f"{CLIENT_B}, {CLIENT_B}", "not an address"):
        response = log_in(client, PASSWORD, REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR=forged)
        assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_behind_a_proxy_a_request_without_the_header_is_counted_by_its_connection(
    client, behind_proxy
):
    User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    fail_five_times(client, REMOTE_ADDR=CLIENT_A)
    garbled = log_in(client, PASSWORD, REMOTE_ADDR=CLIENT_A, HTTP_X_FORWARDED_FOR="<script>")
    assert garbled.status_code == 429


def read_settings(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import peacekeeping.settings as s; "
            "print(s.AXES_CLIENT_IP_CALLABLE); print(getattr(s, 'SECURE_PROXY_SSL_HEADER', None))",
        ],
        cwd=ROOT,
        env={**clean, "DJANGO_DEBUG": "1", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split("\n")[:2]


def test_the_settings_count_by_the_forwarded_address_only_behind_a_proxy():
    assert read_settings(DJANGO_BEHIND_PROXY="1") == [
        "peacekeeping.client_address.forwarded_address",
        "('HTTP_X_FORWARDED_PROTO', 'https')",
    ]
    assert read_settings() == ["peacekeeping.client_address.remote_address", "None"]
