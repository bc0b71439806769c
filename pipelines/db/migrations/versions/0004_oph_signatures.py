"""oph_signatures: recompute article signatures and LSH bands with one-permutation MinHash

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 00:35:00

``pipelines.syndication`` replaced 128-permutation MinHash with one-permutation hashing plus optimal
densification (its module docstring defines the new format). A stored signature of the old kind has no
equal position with a new one and its band keys never meet new ones, so every near copy of an archived
article would go unnoticed: here ``article.signature`` and the article's ``lsh_band`` rows are recomputed
from the stored body, in batches (an empty body gets ``[]`` and no bands), with the installed
``pipelines.syndication``: ~1.2 ms of CPU per article. No table or column changes. The batches are a row
pass (``pipelines.db.backfill``): each is committed with its progress, and an interrupted upgrade
continues after the last finished batch.

``duplicate_of_id``, ``syndication_group`` and ``similarity`` are kept: they record which copies were
found, and both estimators estimate the same Jaccard.

Downgrade is a no-op (a warning is logged): the old algorithm is gone, so the old signatures cannot be
recomputed, and the schema of 0003 is the schema of 0004. The project's code from before this
change then compares the signatures it stores with these and finds no near copies across the two
(exact copies, by content hash, still match); upgrading again recomputes every signature and heals
that. Raising instead would block any downgrade below 0004 without protecting any data.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import sqlalchemy as sa

from pipelines.db.backfill import RowPass, run_pass
from pipelines.syndication import band_keys, minhash

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_BATCH = 500
ROW_PASS = RowPass("article", {"sqlite": 1.3e-3, "postgresql": 1.5e-3}, "recompute every article's signature",
                   rerunnable=True)

_ARTICLE = sa.table("article", sa.column("id", sa.Integer), sa.column("body", sa.Text),
                    sa.column("signature", sa.JSON))
_BAND = sa.table("lsh_band", sa.column("band_key", sa.Text), sa.column("article_id", sa.Integer))


def upgrade() -> None:
    run_pass("0004", "article", _batch, batch=_BATCH)


def _batch(bind: sa.Connection, ids: Sequence[int]) -> None:
    rows = bind.execute(sa.select(_ARTICLE.c.id, _ARTICLE.c.body).where(_ARTICLE.c.id.in_(list(ids)))).all()
    if rows:
        _recompute(bind, [(article_id, body or "") for article_id, body in rows])


def _recompute(bind: sa.Connection, rows: list[tuple[int, str]]) -> None:
    """Write the new signature and band rows of one batch of ``(id, body)``."""
    signatures = {article_id: minhash(body) for article_id, body in rows}
    bind.execute(sa.update(_ARTICLE).where(_ARTICLE.c.id == sa.bindparam("b_id"))
                 .values(signature=sa.bindparam("b_signature", type_=sa.JSON)),
                 [{"b_id": article_id, "b_signature": sig} for article_id, sig in signatures.items()])
    bind.execute(sa.delete(_BAND).where(_BAND.c.article_id.in_(list(signatures))))
    bands = [{"band_key": key, "article_id": article_id}
             for article_id, sig in signatures.items() for key in band_keys(sig)]
    if bands:
        bind.execute(_BAND.insert(), bands)


def downgrade() -> None:
    """Keep the new signatures (see the module docstring): 0003's schema is unchanged by this revision."""
    logging.getLogger("alembic.runtime.migration").warning(
        "0004 downgrade keeps the one-permutation signatures: older code finds no near copies "
        "between articles stored before and after this downgrade until the archive is upgraded again")
