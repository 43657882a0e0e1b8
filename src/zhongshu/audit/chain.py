"""Hashing of audit records (SM3, GB/T 32905) and verification of the chain."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes

GENESIS = "0" * 64


def canonical(fields: dict) -> bytes:
    return json.dumps(
        fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    ).encode()


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def record_fields(record) -> dict:
    return {
        "id": record.id,
        "occurred_at": record.occurred_at.isoformat(),
        "event": record.event,
        "actor_id": record.actor_id,
        "actor_name": record.actor_name,
        "on_behalf_of": record.on_behalf_of,
        "object_type": record.object_type,
        "object_id": record.object_id,
        "object_repr": record.object_repr,
        "before": record.before,
        "after": record.after,
        "request_id": record.request_id,
        "address": record.address,
    }


def compute_hash(prev_hash: str, record) -> str:
    return sm3_hex(prev_hash.encode() + canonical(record_fields(record)))


@dataclass(frozen=True)
class ChainBreak:
    record_id: int
    reason: str


def verify(records: Iterable) -> ChainBreak | None:
    """Walk records in id order; return the first break, or None when the chain is whole."""
    prev_hash = GENESIS
    expected_id: int | None = None
    for record in records:
        if expected_id is not None and record.id != expected_id:
            return ChainBreak(expected_id, "记录缺失（编号不连续）")
        if record.prev_hash != prev_hash:
            return ChainBreak(record.id, "前序哈希不符（前一条记录被改动或删除）")
        if compute_hash(prev_hash, record) != record.hash:
            return ChainBreak(record.id, "内容哈希不符（本条记录被改动）")
        prev_hash = record.hash
        expected_id = record.id + 1
    return None
