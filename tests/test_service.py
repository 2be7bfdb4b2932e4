"""Health probes, the OpenAPI document and the offline docs page."""

from tests.conftest import make_app


def test_is_the_process_healthy_and_ready(client):
    assert client.get("/healthz").json == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json["checks"]["database"]["ok"] is True


def test_is_readyz_503_when_the_database_is_unreachable(tmp_path):
    app = make_app("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2", tmp_path)
    response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert response.json["checks"]["database"]["ok"] is False
    assert "database unreachable" in response.json["checks"]["database"]["reason"]


def test_does_the_openapi_document_describe_the_api(client):
    spec = client.get("/api/v1/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in (
        "/api/v1/claims",
        "/api/v1/claims/{claim_id}/transitions",
        "/api/v1/sources/{source_id}",
        "/api/v1/documents",
    ):
        assert path in spec["paths"], path
    claim = spec["components"]["schemas"]["Claim"]
    assert claim["properties"]["status"]["readOnly"] is True
    assert claim["properties"]["text"]["maxLength"] == 1000
    assert spec["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"
    assert set(spec["components"]["schemas"]["Error"]["properties"]) == {
        "code",
        "status",
        "message",
        "errors",
    }


def test_does_the_docs_page_load_its_assets_from_the_app(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assets = ["swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"]
    for asset in assets:
        assert f"/api/v1/docs/assets/{asset}" in html
        assert client.get(f"/api/v1/docs/assets/{asset}").status_code == 200
    assert "http" not in html.split("<body>")[0].replace("text/css", "")
