"""
The deployment files, checked without a container engine (none runs on CI's machine): hadolint
on the Dockerfile, the compose file and the systemd units parsed and held to what the README
promises (two app servers, a worker, one scheduler, PostgreSQL, Redis, S3, a proxy; non-root;
migrations before the app servers), gunicorn's configuration read by gunicorn itself.
"""

from __future__ import annotations

import configparser
import gc
import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
import yaml
from gunicorn.config import KNOWN_SETTINGS

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_the_dockerfile_passes_hadolint():
    result = subprocess.run(
        [str(HADOLINT), "--no-color", str(DEPLOY / "Dockerfile")], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stdout + result.stderr


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    lines = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in lines]


def test_the_image_is_multi_stage_non_root_with_static_files_collected_at_build():
    instructions = dockerfile_instructions()
    stages = [arguments for name, arguments in instructions if name == "FROM"]
    assert len(stages) >= 2
    final = instructions[max(i for i, (name, _) in enumerate(instructions) if name == "FROM") :]
    users = [arguments for name, arguments in final if name == "USER"]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    runs = " ".join(arguments for name, arguments in final if name == "RUN")
    assert "collectstatic --noinput" in runs
    assert "--require-hashes" in " ".join(arguments for name, arguments in instructions if name == "RUN")
    [cmd] = [json.loads(arguments) for name, arguments in final if name == "CMD"]
    assert cmd[:3] == ["gunicorn", "--config", "deploy/gunicorn.conf.py"]
    # What the build copies by name exists.
    for name, arguments in instructions:
        if name == "COPY" and "--from" not in arguments:
            for source in arguments.split()[:-1]:
                if not source.startswith("--") and source != ".":
                    assert (ROOT / source).exists(), source
    # Secrets are never baked in: the only SECRET_KEY is the collectstatic placeholder.
    assert not [
        arguments for name, arguments in instructions if name in {"ENV", "ARG"} and "SECRET" in arguments
    ]


def test_the_build_context_leaves_out_local_state():
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".git", ".venv", "var", "node_modules", ".env"} <= set(ignored)


def gunicorn_settings(**env: str) -> dict:
    spec = importlib.util.spec_from_file_location("_gunicorn_conf", DEPLOY / "gunicorn.conf.py")
    module = importlib.util.module_from_spec(spec)
    with mock.patch.dict(os.environ, env, clear=False):
        spec.loader.exec_module(module)
    return {name: value for name, value in vars(module).items() if not name.startswith("_")}


def test_gunicorns_configuration_uses_only_settings_gunicorn_knows():
    known = {setting.name for setting in KNOWN_SETTINGS}
    values = gunicorn_settings()
    names = {name for name, value in values.items() if name.islower() and not callable(value)}
    hooks = {name for name, value in values.items() if callable(value) and name in known}
    assert names - {"os", "shutil", "path"} <= known
    assert {"on_starting", "child_exit", "post_worker_init"} <= hooks
    assert values["accesslog"] is None


def test_gunicorn_reads_its_tuning_from_the_environment(tmp_path):
    values = gunicorn_settings(
        GUNICORN_BIND="127.0.0.1:8101",
        GUNICORN_WORKERS="2",
        GUNICORN_THREADS="1",
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"),
    )
    assert (values["bind"], values["workers"], values["threads"], values["worker_class"]) == (
        "127.0.0.1:8101",
        2,
        1,
        "sync",
    )
    (tmp_path / "metrics").mkdir()
    (tmp_path / "metrics" / "counter_1.db").write_bytes(b"old")
    values["on_starting"](None)
    assert list((tmp_path / "metrics").iterdir()) == []


def test_a_started_worker_keeps_what_it_loaded_out_of_full_collections(tmp_path):
    values = gunicorn_settings(PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))
    gc.unfreeze()
    try:
        values["post_worker_init"](None)
        frozen = gc.get_freeze_count()
        # What start-up made (Django, Wagtail, every view) is frozen: a full collection no
        # longer walks it, and what requests make later is still collected.
        assert frozen > 100_000
        assert len(gc.get_objects(generation=2)) < frozen / 10
        garbage = [[]]
        garbage[0].append(garbage)
        del garbage
        assert gc.collect() >= 2
    finally:
        gc.unfreeze()


def test_gunicorn_refuses_threaded_workers_because_wagtails_draft_validation_is_not_thread_safe(tmp_path):
    with pytest.raises(SystemExit, match="GUNICORN_THREADS must be 1"):
        gunicorn_settings(GUNICORN_THREADS="4", PROMETHEUS_MULTIPROC_DIR=str(tmp_path / "metrics"))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def test_the_compose_file_runs_the_whole_stack(compose):
    services = compose["services"]
    assert {"app1", "app2", "worker", "scheduler", "db", "redis", "s3", "proxy", "migrate"} <= set(services)
    for name in ("app1", "app2", "worker", "scheduler", "migrate"):
        service = services[name]
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        environment = service["environment"]
        assert environment["DJANGO_SETTINGS_MODULE"] == "settings.production"
        for required in ("DATABASE_URL", "REDIS_URL", "AWS_STORAGE_BUCKET_NAME", "SECRET_KEY"):
            assert environment[required], (name, required)
        assert service["read_only"] is True
    assert "db_worker" in services["worker"]["command"]
    assert "run_scheduler" in services["scheduler"]["command"]
    assert "migrate" in " ".join(services["migrate"]["command"])


def test_app_servers_start_only_after_the_migrations_and_the_proxy_after_them(compose):
    services = compose["services"]
    for name in ("app1", "app2", "worker", "scheduler"):
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "/readyz" in " ".join(services[name].get("healthcheck", {}).get("test", [])) or name in {
            "worker",
            "scheduler",
        }
    for name, dependencies in ((n, s.get("depends_on", {})) for n, s in services.items()):
        assert set(dependencies) <= set(services), name
    assert set(services["proxy"]["depends_on"]) == {"app1", "app2"}


def test_files_the_compose_file_mounts_exist(compose):
    for service in compose["services"].values():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (DEPLOY / source).is_file(), source


def test_the_proxy_balances_both_app_servers_and_hides_metrics():
    conf = (DEPLOY / "nginx.conf").read_text(encoding="utf-8")
    assert re.search(r"server app1:8000", conf) and re.search(r"server app2:8000", conf)
    assert "location = /metrics { return 404; }" in conf
    assert "proxy_set_header X-Request-ID $request_id;" in conf
    assert conf.count("{") == conf.count("}")


def test_the_bucket_policy_of_the_stack_is_the_readmes():
    from tests.fixtures.s3 import readme_bucket_policy

    deployed = json.loads((DEPLOY / "s3-bucket-policy.json").read_text(encoding="utf-8"))
    assert deployed == json.loads(readme_bucket_policy("vksnd-media"))


UNITS = sorted((DEPLOY / "systemd").glob("*.service"))


@pytest.mark.parametrize("unit", UNITS, ids=[unit.name for unit in UNITS])
def test_systemd_units_are_complete_and_never_run_as_root(unit):
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str
    parser.read(unit, encoding="utf-8")
    assert {"Unit", "Service"} <= set(parser.sections())
    service = parser["Service"]
    assert service["User"] not in {"root", "0"}
    assert service["EnvironmentFile"] == "/etc/vksnd/env"
    assert service["Environment"].startswith(("DJANGO_SETTINGS_MODULE=", "PROMETHEUS_MULTIPROC_DIR="))
    assert service["ExecStart"].startswith("/srv/vksnd/.venv/bin/")
    assert service.get("NoNewPrivileges") == "true"
    if service.get("Type") != "oneshot":
        assert parser["Install"]["WantedBy"] == "multi-user.target"
    # The commands they start exist in the project.
    command = service["ExecStart"].split()
    if "manage.py" in command:
        name = command[command.index("manage.py") + 1]
        assert name in {"migrate", "setup_site", "db_worker", "run_scheduler"}


def test_the_systemd_units_cover_web_worker_scheduler_and_migrations():
    assert {unit.name for unit in UNITS} == {
        "vksnd-web.service",
        "vksnd-worker.service",
        "vksnd-scheduler.service",
        "vksnd-migrate.service",
    }
