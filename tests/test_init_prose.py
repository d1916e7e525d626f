"""`brandlint init` detects which JSON fields are prose: never $ref, ids, enum values, URLs or keys."""

from __future__ import annotations

import json

import tomllib
from support import run_cli, write

from brandlint.commands.prose_fields import detect_prose_fields, looks_like_prose, selectors

OPENAPI = {
    "openapi": "3.0.3",
    "info": {
        "title": "Pet Store",
        "description": "The pet store lets you list, adopt and return pets.",
        "version": "1.2.0",
    },
    "servers": [{"url": "https://api.example.com/v1", "description": "The production server for every customer."}],
    "paths": {
        "/pets/{pet_id}": {
            "get": {
                "operationId": "get-pet",
                "summary": "Get one pet by its identifier",
                "description": "Returns the pet with the given identifier, or an error when there is none.",
                "parameters": [
                    {
                        "name": "pet_id",
                        "in": "path",
                        "required": True,
                        "description": "The identifier of the pet to return.",
                        "schema": {"type": "string", "format": "uuid"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "The pet you asked for, with all of its details.",
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                    },
                    "404": {"description": "In order to help, we say there is no pet with this identifier."},
                },
            },
            "delete": {
                "operationId": "delete-pet",
                "summary": "Remove a pet from the store",
                "description": "Deletes the pet for good. Adopted pets cannot be removed.",
                "responses": {"204": {"description": "The pet was removed from the store."}},
            },
        }
    },
    "components": {
        "schemas": {
            "Pet": {
                "type": "object",
                "required": ["id", "name", "status"],
                "properties": {
                    "id": {"type": "string", "description": "A unique identifier assigned by the store."},
                    "status": {
                        "type": "string",
                        "enum": [
                            "for sale",
                            "on hold",
                            "adopted",
                            "for sale",
                            "on hold",
                            "adopted",
                            "for sale",
                            "on hold",
                        ],
                        "description": "Where the pet is in the adoption process right now.",
                    },
                    "photo_url": {"type": "string", "example": "https://cdn.example.com/pets/rex.jpg"},
                    "owner": {"$ref": "#/components/schemas/Owner"},
                },
            },
            "Owner": {"$ref": "./owner.json#/Owner"},
        }
    },
}


def test_looks_like_prose():
    assert looks_like_prose("Returns the pet with the given identifier.")
    for value in (
        "#/components/schemas/Pet",
        "https://api.example.com/v1",
        "pet_id",
        "getPet",
        "application/json",
        "3.0.3",
        "is:issue is:open",
        "ssh-rsa ABCDEFGHIJKLMNOPQRSTUVWXYZ0123",
        "-----BEGIN RSA PRIVATE KEY-----\nMIIEow",
        "",
    ):
        assert not looks_like_prose(value), value


def test_openapi_like_file_selects_description_and_summary(tmp_path):
    write(tmp_path / "api.json", json.dumps(OPENAPI, indent=2))
    chosen = [sel for sel, _ in selectors(detect_prose_fields([tmp_path / "api.json"]))]
    assert chosen == ["$..description", "$..summary"]


def test_init_writes_the_detected_fields_and_check_lints_only_them(tmp_path):
    write(tmp_path / "api.json", json.dumps(OPENAPI, indent=2))
    write(tmp_path / "ignored" / "other.json", json.dumps({"note": "Lots of words in here to lint."}))
    write(tmp_path / ".gitignore", "ignored/\n")
    (tmp_path / ".git").mkdir()  # a repository: git's ignore rules apply to init's scan too
    r = run_cli("init", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == [
        "json: prose fields detected in 1 JSON file:",
        "  $..description: 10 of 10 values read as prose (94 words)",
        "  $..summary: 2 of 2 values read as prose (12 words)",
        "wrote brandlint.toml",
    ]
    config = tomllib.loads((tmp_path / "brandlint.toml").read_text())
    assert config["formats"]["json"]["prose"] == ["$..description", "$..summary"]
    # the config is valid and what check lints: no finding on $ref, ids, enums, URLs or keys
    r = run_cli("check", "--output-format", "json", "--select", "ALL", "--fail-on", "error", "api.json", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    pointers = {f["json_pointer"] for f in json.loads(r.stdout)["findings"]}
    assert pointers and all(p.endswith(("/description", "/summary")) for p in pointers), pointers


def test_init_without_json_keeps_every_string_and_says_so(tmp_path):
    write(tmp_path / "a.md", "# Hi\n")
    r = run_cli("init", cwd=tmp_path)
    assert r.stdout == "wrote brandlint.toml\n"
    text = (tmp_path / "brandlint.toml").read_text()
    assert "# No JSON files were found: every string value is linted." in text
    assert tomllib.loads(text)["formats"]["json"]["prose"] == ["$..*"]


def test_init_detects_jsonl_fields_separately(tmp_path):
    rows = [
        {"id": f"r{i}", "instruction": f"Write a short note number {i} for the team.", "output": "Sure, here it is."}
        for i in range(5)
    ]
    write(tmp_path / "data.jsonl", "".join(json.dumps(r) + "\n" for r in rows))
    r = run_cli("init", cwd=tmp_path)
    config = tomllib.loads((tmp_path / "brandlint.toml").read_text())
    assert config["formats"]["jsonl"]["prose"] == ["$..instruction", "$..output"], r.stdout
    assert config["formats"]["json"]["prose"] == ["$..*"]
