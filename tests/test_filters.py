"""``ArticleFilter``: a site looked up once (``resolved``) narrows like the name it came from."""

from __future__ import annotations

from sqlalchemy import select

from pipelines.db.filters import ArticleFilter
from pipelines.db.models import Article


def test_a_filter_of_resolved_site_ids_is_active_and_narrows_by_them() -> None:
    resolved = ArticleFilter(site_id_values=(3, 4))
    assert resolved.active and not ArticleFilter().active
    sql = str(resolved.apply(select(Article.id)).compile(compile_kwargs={"literal_binds": True}))
    assert "article.site_id IN (3, 4)" in sql and "FROM site" not in sql
    assert ArticleFilter(site="nowhere", site_id_values=()).active  # an unknown site: narrows to nothing
