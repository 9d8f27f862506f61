# SPDX-License-Identifier: EUPL-1.2
"""The batch digest of the logboek gives exactly the bytes-for-bytes hash that ``verify`` recomputes."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from zicht.privacy.logboek import _BatchDigest, _digest

_text = st.text(max_size=40)
_optional = st.none() | _text


@given(
    tijdstip=st.datetimes(timezones=st.just(UTC)),
    constant=st.fixed_dictionaries(
        {
            "trace_id": _text,
            "actor": _text,
            "rol": _text,
            "organisatie": _optional,
            "doel": _text,
            "actie": _text,
            "object_type": _text,
            "details": _text,
            "status": st.integers(0, 2),
        }
    ),
    records=st.lists(
        st.tuples(st.integers(1, 2**62), _optional, _optional, st.text(alphabet="0123456789abcdef", max_size=64)),
        min_size=1,
        max_size=5,
    ),
)
def test_batch_digest_equals_the_record_digest(
    tijdstip: datetime, constant: dict[str, object], records: list[tuple[int, str | None, str | None, str]]
) -> None:
    shared = {**constant, "tijdstip": tijdstip}
    digest = _BatchDigest(shared)
    for volgnummer, object_id, persoon_id, vorige in records:
        row = {**shared, "volgnummer": volgnummer, "object_id": object_id, "persoon_id": persoon_id}
        assert digest(volgnummer, object_id, persoon_id, vorige) == _digest(row, vorige)
