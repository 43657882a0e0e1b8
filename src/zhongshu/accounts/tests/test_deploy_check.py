"""``manage.py check --deploy`` passes with the production settings and a secret from
the environment (secure cookies, HSTS, SSL redirect, DEBUG off)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"


def test_check_deploy_passes_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhongshu.settings.production",
        "ZHONGSHU_SECRET_KEY": secrets.token_urlsafe(50),
    }
    env.pop("ZHONGSHU_DEBUG", None)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret(tmp_path):
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "zhongshu.settings.production",
        "ZHONGSHU_SECRET_KEY_FILE": str(tmp_path / "missing"),
    }
    env.pop("ZHONGSHU_SECRET_KEY", None)
    result = subprocess.run(
        [sys.executable, str(MANAGE), "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "No secret key" in result.stderr
