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


@dataclass(frozen=True)
class ChainState:
    """What the chain head says: the id and hash of the newest record."""

    last_id: int
    last_hash: str


def verify(records: Iterable, head: ChainState | None = None) -> ChainBreak | None:
    """Walk records in id order; return the first break, or None when the chain is whole.

    With ``head`` the walk must also end where the head says: deleting the newest
    records leaves an intact but shorter chain, which only the head reveals.
    """
    prev_hash = GENESIS
    expected_id = 1
    for record in records:
        if record.id != expected_id:
            return ChainBreak(expected_id, "记录缺失（编号不连续）")
        if record.prev_hash != prev_hash:
            return ChainBreak(record.id, "前序哈希不符（前一条记录被改动或删除）")
        if compute_hash(prev_hash, record) != record.hash:
            return ChainBreak(record.id, "内容哈希不符（本条记录被改动）")
        prev_hash = record.hash
        expected_id = record.id + 1
    if head is None:
        return None
    last_id = expected_id - 1
    if head.last_id > last_id:
        return ChainBreak(last_id + 1, f"最新记录缺失（链头为第 {head.last_id} 条）")
    if head.last_id < last_id or head.last_hash != prev_hash:
        return ChainBreak(last_id, "链头与最新记录不符（链头被改动）")
    return None
