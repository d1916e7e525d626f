"""The wire formats the scripted server speaks: Ollama's ``/api/chat`` and the OpenAI-compatible
``/v1/chat/completions`` — request validation as the real servers do it, the schema a request
asks for, and the answer envelopes (see :mod:`brandlint_llm.testing`)."""

from __future__ import annotations

import time


def schema_of(api: str, body: dict) -> dict | None:
    if api == "ollama":
        fmt = body.get("format")
        return fmt if isinstance(fmt, dict) else None
    rf = body.get("response_format") or {}
    if rf.get("type") == "json_object":
        return rf.get("schema")
    return (rf.get("json_schema") or {}).get("schema")


def validate_request(api: str, body: dict) -> str:
    if not isinstance(body.get("model"), str) or not body["model"]:
        return "model is required"
    msgs = body.get("messages")
    if (
        not isinstance(msgs, list)
        or not msgs
        or not all(
            isinstance(m, dict)
            and m.get("role") in ("system", "user", "assistant")
            and isinstance(m.get("content"), str)
            for m in msgs
        )
    ):
        return "messages must be a non-empty list of {role, content}"
    if api == "ollama":
        if body.get("stream") is not False:
            return "this test server only answers stream=false requests"
        if "format" in body and not isinstance(body["format"], (dict, str)):
            return 'format must be a JSON schema or "json"'
        opts = body.get("options", {})
        if not isinstance(opts, dict):
            return "options must be an object"
    else:
        rf = body.get("response_format")
        if rf is not None and (
            not isinstance(rf, dict) or rf.get("type") not in ("json_schema", "json_object", "text")
        ):
            return "response_format.type must be json_schema, json_object or text"
        if (
            isinstance(rf, dict)
            and rf.get("type") == "json_schema"
            and not isinstance((rf.get("json_schema") or {}).get("schema"), dict)
        ):
            return "response_format.json_schema.schema must be an object"
    return ""


def answer_key(schema: dict | None) -> str:
    """The property the request's JSON schema asks for (``rewrite``, or ``text`` for generation)."""
    req = (schema or {}).get("required") or []
    return req[0] if req and isinstance(req[0], str) else "rewrite"


def envelope(api: str, body: dict, content: str) -> dict:
    if api == "ollama":
        return {
            "model": body["model"],
            "created_at": "2025-01-01T00:00:00Z",
            "message": {"role": "assistant", "content": content},
            "done": True,
            "done_reason": "stop",
            "eval_count": len(content.split()),
        }
    return {
        "id": "chatcmpl-scripted",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": body["model"],
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 0, "completion_tokens": len(content.split()), "total_tokens": 0},
    }
