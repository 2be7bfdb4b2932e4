"""docker-compose.yml describes a server setup whose commands are the documented ones."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("api", "worker", "deliveries", "ingest", "beat")


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _command(service: dict) -> str:
    command = service["command"]
    return command[-1] if command[:2] == ["sh", "-c"] else " ".join(command)


def test_does_every_service_have_image_command_and_health_check():
    services = _compose()["services"]
    assert {"api", "worker", "deliveries", "beat", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        assert service.get("command"), name
        check = service.get("healthcheck", {})
        assert check.get("test") and not check.get("disable"), name


def test_does_every_app_service_get_database_and_broker():
    services = _compose()["services"]
    for name in APP_SERVICES:
        env = services[name]["environment"]
        assert env["VERIFY_DATABASE_URL"].startswith("postgresql+psycopg://"), name
        assert env["VERIFY_BROKER_URL"].startswith("redis://"), name
    assert {"POSTGRES_USER", "POSTGRES_PASSWORD", "POSTGRES_DB"} <= set(
        services["postgres"]["environment"]
    )


def test_are_the_compose_commands_the_ones_the_readme_documents():
    readme = (ROOT / "README.md").read_text()
    services = _compose()["services"]
    for name in APP_SERVICES:
        for part in _command(services[name]).split(" && "):
            assert part in readme, f"{name}: `{part}` is not in README.md"


def test_do_deliveries_and_ingestion_have_workers_of_their_own():
    services = _compose()["services"]
    assert _command(services["worker"]).endswith("-Q celery")
    assert _command(services["deliveries"]).endswith("-Q webhooks")
    assert _command(services["ingest"]).endswith("-Q ingest")
