"""tallies: articles per site and day, quotes per speaker, site and day, kept by triggers

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07 14:00:00

``newscrawler stats``, ``speakers`` and the canned queries counted every article or quote on every call:
at 1,000,000 articles / 500,000 quotes ``speakers`` took 7.9 s on PostgreSQL and 19.3 s on SQLite,
``stats`` 1–2.4 s (benchmarks/README.md, issue 17). Two tables now hold the counts, written by triggers
in the database so that every writer keeps them exact (the storage layer, batch inserts, raw SQL, an
article deleted with its quotes; not ``TRUNCATE``, and on PostgreSQL not a quote that an ``INSERT … ON
CONFLICT`` skips: the BEFORE trigger has counted it by then; no writer of the project does either):

- ``site_day`` (site_id, day, articles): articles first archived per site and Asia/Shanghai day
  (``first_seen``); ``site_id`` 0 stands for an article without a site.
- ``speaker_day`` (speaker, speaker_type, site_id, day, kind, label → quotes, articles, first_key):
  per resolved speaker, site and Asia/Shanghai publication day (``0001-01-01`` for an undated article),
  the speaker's quotes (``kind`` '' and ``label`` ''), and each title (``kind`` 'title') and affiliation
  (``kind`` 'affiliation') those quotes give with how many quotes give it. ``articles`` counts the
  articles quoting the speaker (0 on label rows); ``first_key`` is (article id × 10000 + the quote's
  position) × 1000 (+ the title's place in its list) of the first quote giving it: the ranking's
  tie-break (first in the archive's order first; a re-extraction giving an article the same quotes keeps it).
  ``speaker_type`` NULL is stored as ''.

A new quote adds to its rows (an upsert); a deleted quote takes its counts off, and when it was the first
quote of one of its speaker's rows (and the speaker has quotes left there) those rows of that one site
and day are counted again from ``quote`` and ``article`` (the site's articles of that day, through
``ix_article_site_id_publish_date``); an article whose site or publication date changes has its speakers'
rows counted again in the old and the new site and day. PostgreSQL runs the incremental steps in BEFORE
triggers, which see the rows of the same statement done before theirs (AFTER row triggers see the whole
statement done: two quotes of one speaker deleted by one statement would each find the other gone).
An article's deletion deletes its quotes first (a BEFORE trigger), so their rows are counted while the
article still says where they were.

The existing rows are counted by a row pass over ``article`` (batches of ids, resumable; see
``pipelines.db.backfill``); the triggers are created after it: run the upgrade with the crawlers stopped.
The counting SQL shared by the triggers and the pass lives in ``pipelines.db.tally_counts``, which also
counts an archive again (``newscrawler db recount-tallies``: tallies a TRUNCATE or a skipped insert left wrong).
The index ``ix_article_site_id_last_seen`` serves the canned query site_health (newest fetch per site).
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from pipelines.db.backfill import RowPass, run_pass
from pipelines.db.tally_counts import KEY, UNDATED
from pipelines.db.tally_counts import add_speaker_rows as _add
from pipelines.db.tally_counts import count_articles as _backfill
from pipelines.db.tally_counts import day_sql as _day
from pipelines.db.tally_counts import first_key_sql as _key
from pipelines.db.tally_counts import speaker_rows_sql as _branches

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# measured at 1,000,000 articles / 500,000 quotes: 2.3 s on SQLite, 63 s on PostgreSQL
ROW_PASS = RowPass("article", {"sqlite": 3e-6, "postgresql": 6.5e-5},
                   "count articles per site and day, quotes per speaker, site and day")

def _recount(dialect: str, speakers: str, site: str, day: str, *, skip: str = "", guard: str = "",
             delete: bool = True) -> list[str]:
    """Statements recounting the speaker_day rows of ``speakers`` (a subquery of (speaker, type) pairs) in
    one site and day (SQL expressions), from the site's articles of that day: their rows deleted (unless
    ``delete`` is False: done already), then counted again, leaving out the quote ``skip`` (being deleted),
    each count only where ``guard`` holds."""
    statements = [f"DELETE FROM speaker_day WHERE site_id = {site} AND day = {day} "
                  f"AND (speaker, speaker_type) IN ({speakers})"] if delete else []
    if dialect == "postgresql":
        source, chosen = "article a JOIN quote o ON o.article_id = a.id", ""
    else:  # CROSS JOIN keeps SQLite on the day's articles (else it may walk all the speaker's quotes by name)
        source, chosen = "article a CROSS JOIN quote o", "o.article_id = a.id AND "
    chosen += f"(o.speaker, coalesce(o.speaker_type, '')) IN ({speakers})"
    if skip:
        chosen += f" AND o.id <> {skip}"
    if guard:
        chosen += f" AND {guard}"
    if dialect == "postgresql":
        start = f"({day})::timestamp AT TIME ZONE 'Asia/Shanghai'"
        end = f"({day} + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'"
    else:
        start, end = f"datetime({day}, '-8 hours')", f"datetime({day}, '+1 day', '-8 hours')"
    # one statement per case, each an index range of ix_article_site_id_publish_date
    cases = [(f"{site} <> 0", f"a.site_id = {site}"), (f"{site} = 0", "a.site_id IS NULL")]
    days = [(f"{day} <> '{UNDATED}'", f"a.publish_date >= {start} AND a.publish_date < {end}"),
            (f"{day} = '{UNDATED}'", "a.publish_date IS NULL")]
    for site_case, site_where in cases:
        for day_case, day_where in days:
            where = f"{site_case} AND {day_case} AND {site_where} AND {day_where} AND {chosen}"
            statements.append(_add(dialect, "o", source, where, "count(DISTINCT o.article_id)"))
    return statements


def _take(dialect: str, q: str) -> str:
    """An UPDATE taking the deleted quote ``q``'s counts off its rows (first_key is left: see ``_holder``)."""
    rows = " UNION ALL ".join(_branches(dialect, q, "article a", f"a.id = {q}.article_id",
                                        f"CASE WHEN {_others(q)} THEN 0 ELSE 1 END"))
    return ("UPDATE speaker_day SET quotes = speaker_day.quotes - g.quotes, "
            f"articles = speaker_day.articles - g.articles FROM ({rows}) AS g WHERE "
            + " AND ".join(f"speaker_day.{column} = g.{column}" for column in KEY.split(", ")))


def _bucket(q: str, site: str, day: str, alias: str = "speaker_day") -> str:
    """The rows of ``q``'s speaker in one site and day."""
    return (f"{alias}.speaker = {q}.speaker AND {alias}.speaker_type = coalesce({q}.speaker_type, '') "
            f"AND {alias}.site_id = {site} AND {alias}.day = {day}")


def _holder(q: str, site: str, day: str) -> str:
    """Whether the quote ``q`` is the first of one of its speaker's rows in its site and day and the speaker
    has quotes left there (its first_key must then be found again among them). Checked after ``_take``."""
    return (f"EXISTS (SELECT 1 FROM speaker_day h WHERE {_bucket(q, site, day, 'h')} "
            f"AND h.first_key BETWEEN {_key(q)} AND {_key(q)} + 999 AND EXISTS (SELECT 1 FROM speaker_day o "
            f"WHERE {_bucket(q, site, day, 'o')} AND o.kind = '' AND o.quotes > 0))")


def _others(q: str) -> str:
    """Whether another quote of ``q``'s speaker is in its article."""
    return (f"EXISTS (SELECT 1 FROM quote r WHERE r.article_id = {q}.article_id AND r.id <> {q}.id "
            f"AND r.speaker = {q}.speaker AND coalesce(r.speaker_type, '') = coalesce({q}.speaker_type, ''))")


def _site_day(dialect: str, row: str, delta: int) -> str:
    return (f"INSERT INTO site_day (site_id, day, articles) VALUES (coalesce({row}.site_id, 0), "
            f"{_day(dialect, row + '.first_seen')}, {delta}) ON CONFLICT (site_id, day) "
            f"DO UPDATE SET articles = site_day.articles + excluded.articles")


def _new_quote(dialect: str) -> str:
    return _add(dialect, "NEW", "article a", "a.id = NEW.article_id",
                f"CASE WHEN {_others('NEW')} THEN 0 ELSE 1 END")


def _sqlite_triggers() -> list[str]:
    def located(q: str, column: str) -> str:
        expression = "coalesce(site_id, 0)" if column == "site" else _day("sqlite", "publish_date")
        return f"(SELECT {expression} FROM article WHERE id = {q}.article_id)"

    def recount_quote(q: str) -> str:
        pair = f"SELECT {q}.speaker, coalesce({q}.speaker_type, '')"
        return "; ".join(_recount("sqlite", pair, located(q, "site"), located(q, "day")))

    def recount_article(row: str) -> str:
        pairs = (f"SELECT speaker, coalesce(speaker_type, '') FROM quote WHERE article_id = {row}.id "
                 "AND speaker IS NOT NULL")
        return "; ".join(_recount("sqlite", pairs, f"coalesce({row}.site_id, 0)",
                                  _day("sqlite", row + ".publish_date")))

    moved = "OLD.site_id IS NOT NEW.site_id OR OLD.publish_date IS NOT NEW.publish_date"
    old_at = (located("OLD", "site"), located("OLD", "day"))
    old_bucket = _bucket("OLD", *old_at)
    return [
        f"CREATE TRIGGER quote_tally_ai AFTER INSERT ON quote WHEN NEW.speaker IS NOT NULL BEGIN "
        f"{_new_quote('sqlite')}; END",
        # a deleted quote's counts are taken off; if it was the first quote of a row, its speaker's rows of
        # that site and day are deleted and counted again (the absence of its own row is the signal)
        f"CREATE TRIGGER quote_tally_ad AFTER DELETE ON quote WHEN OLD.speaker IS NOT NULL BEGIN "
        f"{_take('sqlite', 'OLD')}; DELETE FROM speaker_day WHERE {old_bucket} AND {_holder('OLD', *old_at)}; "
        + "; ".join(_recount("sqlite", "SELECT OLD.speaker, coalesce(OLD.speaker_type, '')", *old_at, delete=False,
                             guard=f"NOT EXISTS (SELECT 1 FROM speaker_day WHERE {old_bucket} AND kind = '')"))
        + f"; DELETE FROM speaker_day WHERE {old_bucket} AND quotes <= 0; END",
        "CREATE TRIGGER quote_tally_au AFTER UPDATE OF article_id, position, speaker, speaker_type, record ON quote BEGIN "
        f"{recount_quote('OLD')}; {recount_quote('NEW')}; END",
        f"CREATE TRIGGER article_tally_ai AFTER INSERT ON article BEGIN {_site_day('sqlite', 'NEW', 1)}; END",
        "CREATE TRIGGER article_tally_bd BEFORE DELETE ON article BEGIN "
        f"DELETE FROM quote WHERE article_id = OLD.id; {_site_day('sqlite', 'OLD', -1)}; "
        "DELETE FROM site_day WHERE articles = 0; END",
        "CREATE TRIGGER article_tally_seen AFTER UPDATE OF site_id, first_seen ON article WHEN "
        "OLD.site_id IS NOT NEW.site_id OR OLD.first_seen IS NOT NEW.first_seen BEGIN "
        f"{_site_day('sqlite', 'OLD', -1)}; {_site_day('sqlite', 'NEW', 1)}; "
        "DELETE FROM site_day WHERE articles = 0; END",
        f"CREATE TRIGGER article_tally_moved AFTER UPDATE OF site_id, publish_date ON article WHEN {moved} BEGIN "
        f"{recount_article('OLD')}; {recount_article('NEW')}; END",
    ]


def _plpgsql(name: str, body: str, declare: str = "") -> str:
    return (f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"{declare} BEGIN {body} RETURN NULL; END $$")


def _postgresql_triggers() -> list[str]:
    recount_one = "; ".join(_recount("postgresql", "SELECT v_speaker, v_type", "v_site", "v_day"))
    pairs = ("SELECT speaker, coalesce(speaker_type, '') FROM quote WHERE article_id = v_article "
             "AND speaker IS NOT NULL")
    recount_all = "; ".join(_recount("postgresql", pairs, "v_site", "v_day"))
    recount_without = "; ".join(_recount("postgresql", "SELECT v_speaker, v_type", "v_site", "v_day",
                                         skip="OLD.id"))

    def locate(q: str) -> str:
        return (f"SELECT coalesce(site_id, 0), {_day('postgresql', 'publish_date')} INTO v_site, v_day "
                f"FROM article WHERE id = {q}.article_id; IF FOUND THEN v_speaker := {q}.speaker; "
                f"v_type := coalesce({q}.speaker_type, ''); {recount_one}; END IF;")

    variables = "DECLARE v_site integer; v_day date; v_speaker text; v_type text; v_article integer;"
    return [
        # a new quote adds to its rows: BEFORE INSERT sees the quotes inserted before it by the same
        # statement (an AFTER trigger would see them all, and count an article once for none of them)
        _plpgsql("quote_tally_insert", f"IF NEW.speaker IS NOT NULL THEN {_new_quote('postgresql')}; END IF; "
                 "RETURN NEW;"),
        "CREATE TRIGGER quote_tally_insert BEFORE INSERT ON quote FOR EACH ROW EXECUTE FUNCTION quote_tally_insert()",
        # recounts see the table as it stands after the statement: order does not matter
        # a deleted quote's counts are taken off (BEFORE DELETE, as for inserts: the quotes deleted before it
        # by the same statement are gone, it is still there); if it was the first quote of a row, its
        # speaker's rows of that site and day are counted again without it
        _plpgsql("quote_tally_delete", "IF OLD.speaker IS NOT NULL THEN "
                 f"SELECT coalesce(site_id, 0), {_day('postgresql', 'publish_date')} INTO v_site, v_day "
                 "FROM article WHERE id = OLD.article_id; IF FOUND THEN "
                 "v_speaker := OLD.speaker; v_type := coalesce(OLD.speaker_type, ''); "
                 f"{_take('postgresql', 'OLD')}; IF {_holder('OLD', 'v_site', 'v_day')} THEN {recount_without}; "
                 f"END IF; DELETE FROM speaker_day WHERE {_bucket('OLD', 'v_site', 'v_day')} AND quotes <= 0; "
                 "END IF; END IF; RETURN OLD;", variables),
        "CREATE TRIGGER quote_tally_delete BEFORE DELETE ON quote FOR EACH ROW EXECUTE FUNCTION quote_tally_delete()",
        _plpgsql("quote_tally_update", f"{locate('OLD')} {locate('NEW')}", variables),
        "CREATE TRIGGER quote_tally_update AFTER UPDATE OF article_id, position, speaker, speaker_type, record ON quote "
        "FOR EACH ROW EXECUTE FUNCTION quote_tally_update()",
        _plpgsql("article_tally_insert", f"{_site_day('postgresql', 'NEW', 1)};"),
        "CREATE TRIGGER article_tally_insert AFTER INSERT ON article FOR EACH ROW "
        "EXECUTE FUNCTION article_tally_insert()",
        _plpgsql("article_tally_delete", "DELETE FROM quote WHERE article_id = OLD.id; "
                 f"{_site_day('postgresql', 'OLD', -1)}; DELETE FROM site_day WHERE site_id = coalesce(OLD.site_id, 0) "
                 "AND articles = 0; RETURN OLD;"),
        "CREATE TRIGGER article_tally_delete BEFORE DELETE ON article FOR EACH ROW "
        "EXECUTE FUNCTION article_tally_delete()",
        _plpgsql("article_tally_seen", f"{_site_day('postgresql', 'OLD', -1)}; {_site_day('postgresql', 'NEW', 1)}; "
                 "DELETE FROM site_day WHERE site_id = coalesce(OLD.site_id, 0) AND articles = 0;"),
        "CREATE TRIGGER article_tally_seen AFTER UPDATE OF site_id, first_seen ON article FOR EACH ROW WHEN "
        "(OLD.site_id IS DISTINCT FROM NEW.site_id OR OLD.first_seen IS DISTINCT FROM NEW.first_seen) "
        "EXECUTE FUNCTION article_tally_seen()",
        _plpgsql("article_tally_moved", "v_article := NEW.id; "
                 f"v_site := coalesce(OLD.site_id, 0); v_day := {_day('postgresql', 'OLD.publish_date')}; "
                 f"{recount_all}; v_site := coalesce(NEW.site_id, 0); "
                 f"v_day := {_day('postgresql', 'NEW.publish_date')}; {recount_all};", variables),
        "CREATE TRIGGER article_tally_moved AFTER UPDATE OF site_id, publish_date ON article FOR EACH ROW WHEN "
        "(OLD.site_id IS DISTINCT FROM NEW.site_id OR OLD.publish_date IS DISTINCT FROM NEW.publish_date) "
        "EXECUTE FUNCTION article_tally_moved()",
    ]


TRIGGERS = ("quote_tally_ai", "quote_tally_ad", "quote_tally_au", "article_tally_ai", "article_tally_bd",
            "article_tally_seen", "article_tally_moved")
PG_TRIGGERS = {"quote_tally_insert": "quote", "quote_tally_delete": "quote", "quote_tally_update": "quote",
               "article_tally_insert": "article", "article_tally_delete": "article",
               "article_tally_seen": "article", "article_tally_moved": "article"}


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    day = "date"  # ISO text on SQLite (as SQLAlchemy's Date writes it)
    # SQLite stores the rows in key order (WITHOUT ROWID): a speaker's rows lie together, for GROUP BY
    clustered = "" if dialect == "postgresql" else " WITHOUT ROWID"
    # safe to run twice: a resumed pass finds the tables and its progress
    op.execute(f"CREATE TABLE IF NOT EXISTS site_day (site_id integer NOT NULL, day {day} NOT NULL, "
               f"articles integer NOT NULL, CONSTRAINT pk_site_day PRIMARY KEY (site_id, day)){clustered}")
    op.execute(f"CREATE TABLE IF NOT EXISTS speaker_day (speaker text NOT NULL, speaker_type text NOT NULL, "
               f"site_id integer NOT NULL, day {day} NOT NULL, kind text NOT NULL, label text NOT NULL, "
               "quotes integer NOT NULL, articles integer NOT NULL, first_key bigint NOT NULL, "
               f"CONSTRAINT pk_speaker_day PRIMARY KEY ({KEY})){clustered}")
    run_pass("0010", "article", _backfill, batch=20000)
    for statement in (_postgresql_triggers() if dialect == "postgresql" else _sqlite_triggers()):
        op.execute(statement)
    op.execute("CREATE INDEX IF NOT EXISTS ix_speaker_day_site_id_day ON speaker_day (site_id, day)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_speaker_day_day ON speaker_day (day)")
    op.execute("CREATE INDEX IF NOT EXISTS ix_article_site_id_last_seen ON article (site_id, last_seen)")
    op.execute("ANALYZE site_day")
    op.execute("ANALYZE speaker_day")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name, table in PG_TRIGGERS.items():
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
            op.execute(f"DROP FUNCTION IF EXISTS {name}()")
    else:
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP INDEX IF EXISTS ix_article_site_id_last_seen")
    op.execute("DROP TABLE IF EXISTS speaker_day")
    op.execute("DROP TABLE IF EXISTS site_day")
