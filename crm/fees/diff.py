"""What changed between two versions of a fee format: a readable list, field by field.

Pure Python. Tiers are compared by position (tier 1, tier 2 ...), the split by party, the
other fields by value. Templates word each ``Change``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from crm.fees.document import FeeFormatDoc


@dataclass(frozen=True)
class Change:
    """``field`` changed (``kind``: changed, added or removed) from ``before`` to ``after``.

    ``field`` is one of name, effective_from, tier, minimum_fee, cap, split, split_order,
    notes; ``key``
    is the tier's position (1-based) or the split's party.
    """

    field: str
    kind: str
    before: Any = None
    after: Any = None
    key: Any = None


def _value_change(field: str, before: Any, after: Any) -> list[Change]:
    if before == after:
        return []
    if before is None:
        return [Change(field, "added", None, after)]
    if after is None:
        return [Change(field, "removed", before, None)]
    return [Change(field, "changed", before, after)]


def _tier_changes(old: FeeFormatDoc, new: FeeFormatDoc) -> list[Change]:
    changes: list[Change] = []
    for index in range(max(len(old.tiers), len(new.tiers))):
        before = old.tiers[index] if index < len(old.tiers) else None
        after = new.tiers[index] if index < len(new.tiers) else None
        for change in _value_change("tier", before, after):
            changes.append(Change(change.field, change.kind, before, after, index + 1))
    return changes


def _split_changes(old: FeeFormatDoc, new: FeeFormatDoc) -> list[Change]:
    before = {line.party: line.share for line in old.split}
    after = {line.party: line.share for line in new.split}
    parties = [line.party for line in old.split]
    parties += [line.party for line in new.split if line.party not in before]
    changes: list[Change] = []
    for party in parties:
        for change in _value_change("split", before.get(party), after.get(party)):
            changes.append(Change("split", change.kind, change.before, change.after, party))
    # The order decides who gets a remainder cent on a tie, so a new order is a change too.
    common_old = [party for party in before if party in after]
    common_new = [party for party in after if party in before]
    if common_old != common_new:
        changes.append(Change("split_order", "changed", tuple(before), tuple(after)))
    return changes


def diff_formats(old: FeeFormatDoc, new: FeeFormatDoc) -> list[Change]:
    """Every difference from ``old`` to ``new``, in the order of the document."""
    return [
        *_value_change("name", old.name, new.name),
        *_value_change("effective_from", old.effective_from, new.effective_from),
        *_tier_changes(old, new),
        *_value_change("minimum_fee", old.minimum_fee, new.minimum_fee),
        *_value_change("cap", old.cap, new.cap),
        *_split_changes(old, new),
        *_value_change("notes", old.notes, new.notes),
    ]
