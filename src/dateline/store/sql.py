"""Every SQL statement the stores run, in one place.

The same text serves DuckDB and PostgreSQL: standard types, ``?`` placeholders (the PostgreSQL
backend rewrites them to ``%s``), ``INSERT ... ON CONFLICT``. Migrations are numbered and applied
in order by :meth:`dateline.store.base.Store.migrate`; each is recorded in ``schema_version``
and its statements are idempotent (``IF NOT EXISTS``), so a half-applied one can be rerun.
Add a migration at the end; never edit one that has shipped.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    statements: tuple[str, ...]
    #: statements run on PostgreSQL alone (indexes that only its planner uses, such as
    #: b-trees it walks in ``ORDER BY`` order; DuckDB would only keep them up to date)
    postgres_only: tuple[str, ...] = ()


SCHEMA_VERSION_TABLE = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TIMESTAMP NOT NULL
)"""

#: migration 4's copies of other tables' columns, filled from those tables (for stores written
#: before it, and for rows written in bulk without them, as the bench does)
FILL_COPIES: tuple[str, ...] = (
    """UPDATE events SET published = a.published FROM articles a
                WHERE a.id = events.article_id""",
    """UPDATE event_actors SET name = ac.name, country = ac.country,
                sector = ac.sector, kind = ac.kind FROM actors ac
                WHERE ac.id = event_actors.actor_id""",
    # after event_actors': the names and countries of an event's links, each between two
    # ACTOR_SEP, in link order
    """UPDATE events SET actor_names = x.names, actor_countries = x.countries FROM (
        SELECT event_id,
            chr(31) || string_agg(name, chr(31) ORDER BY role, pos) || chr(31) AS names,
            chr(31) || string_agg(country, chr(31) ORDER BY role, pos) || chr(31) AS countries
        FROM event_actors WHERE name IS NOT NULL GROUP BY event_id) x
        WHERE x.event_id = events.id""",
    """UPDATE quotes SET published = a.published FROM articles a
                WHERE a.id = quotes.article_id""",
    """UPDATE quotes SET speaker_name = sp.name, speaker_country = sp.country,
                speaker_sector = sp.sector FROM actors sp WHERE sp.id = quotes.speaker""",
)

#: the key of a canonical actor in ``actor_totals``: its name, country, sector and kind, each
#: NULL written as chr(30) so the key is never NULL (a unique key treats NULLs as distinct)
ACTOR_KEY = """{p}name || chr(31) || COALESCE({p}country, chr(30)) || chr(31)
    || COALESCE({p}sector, chr(30)) || chr(31) || COALESCE({p}kind, chr(30))"""

#: migration 5's totals per canonical actor, counted from every stored actor row (for stores
#: written before it, and for rows written in bulk without them, as the bench does): the rows
#: the grouping of ``SELECT_ACTORS`` gives
FILL_ACTOR_TOTALS: tuple[str, ...] = (
    "DELETE FROM actor_totals",
    f"""INSERT INTO actor_totals (actor_key, name, country, sector, kind, articles, events,
        first_seen, last_seen, example_url)
    SELECT {ACTOR_KEY.format(p="ac.")}, ac.name, ac.country, ac.sector, ac.kind,
        COUNT(DISTINCT ac.article_id), SUM(COALESCE(ev.n, 0)),
        MIN(a.published), MAX(a.published), MIN(a.url)
    FROM actors ac
    JOIN articles a ON a.id = ac.article_id
    LEFT JOIN (SELECT actor_id, COUNT(*) AS n FROM event_actors GROUP BY actor_id) ev
        ON ev.actor_id = ac.id
    GROUP BY ac.name, ac.country, ac.sector, ac.kind""",
)

#: the columns the substring filters match (``LOWER(column) LIKE '%...%'``, see EVENT_FILTERS
#: and QUOTE_FILTERS), as (index, table, indexed expression)
TRIGRAM_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("events_actor_names_trgm", "events", "LOWER(actor_names)"),
    ("events_actor_countries_trgm", "events", "actor_countries"),
    ("events_evidence_trgm", "events", "LOWER(evidence)"),
    ("events_place_name_trgm", "events", "LOWER(place_name)"),
    ("quotes_speaker_name_trgm", "quotes", "LOWER(speaker_name)"),
    ("quotes_speaker_text_trgm", "quotes", "LOWER(speaker_text)"),
    ("quotes_text_trgm", "quotes", "LOWER(text)"),
)
#: PostgreSQL: a GIN trigram index on each of TRIGRAM_COLUMNS, which serves LIKE '%...%' (a
#: b-tree cannot), made only where the pg_trgm extension is installed or may be: a server
#: without it, or a user who may not create it, keeps the store as it was (no error). The
#: extension goes into ``public``, not the first schema of the search path, so dropping a
#: schema never drops it from under another's indexes.
TRIGRAM_INDEXES = (
    """DO $$
DECLARE
    ops TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        IF NOT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
            RETURN;
        END IF;
        BEGIN
            CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
        EXCEPTION WHEN OTHERS THEN
            RETURN;
        END;
    END IF;
    SELECT quote_ident(n.nspname) || '.gin_trgm_ops' INTO ops
        FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace
        WHERE x.extname = 'pg_trgm';
"""
    + "".join(
        f"    EXECUTE 'CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expr} ' || ops || ')';\n"
        for name, table, expr in TRIGRAM_COLUMNS
    )
    + """    ANALYZE events;
    ANALYZE quotes;
END $$"""
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, actors, mentions, events, quantities, quotes, places, dates, skipped",
        (
            """CREATE TABLE IF NOT EXISTS articles (
                id TEXT PRIMARY KEY,
                url TEXT,
                site TEXT,
                title TEXT,
                published DATE,
                published_source TEXT,
                text TEXT NOT NULL,
                origin TEXT,
                record_version INTEGER,
                record_json TEXT,
                ingested_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS actors (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                local_id TEXT NOT NULL,
                name TEXT NOT NULL,
                country TEXT,
                sector TEXT,
                kind TEXT,
                role TEXT
            )""",
            """CREATE TABLE IF NOT EXISTS mentions (
                actor_id TEXT NOT NULL,
                article_id TEXT NOT NULL,
                start_char INTEGER NOT NULL,
                end_char INTEGER NOT NULL,
                text TEXT,
                PRIMARY KEY (actor_id, start_char, end_char)
            )""",
            """CREATE TABLE IF NOT EXISTS events (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                local_id TEXT NOT NULL,
                type TEXT NOT NULL,
                mode TEXT,
                context TEXT,
                cameo TEXT,
                date_value TEXT,
                date_granularity TEXT,
                date_start INTEGER,
                date_end INTEGER,
                event_day DATE,
                place_name TEXT,
                place_country TEXT,
                place_lat DOUBLE PRECISION,
                place_lon DOUBLE PRECISION,
                place_geonames_id BIGINT,
                place_start INTEGER,
                place_end INTEGER,
                modality TEXT,
                reported_by TEXT,
                confidence DOUBLE PRECISION,
                sentence_start INTEGER,
                sentence_end INTEGER,
                trigger_start INTEGER,
                trigger_end INTEGER,
                evidence TEXT,
                trigger_text TEXT,
                more_evidence TEXT
            )""",
            """CREATE TABLE IF NOT EXISTS event_actors (
                event_id TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                role TEXT NOT NULL,
                pos INTEGER NOT NULL,
                PRIMARY KEY (event_id, role, actor_id)
            )""",
            """CREATE TABLE IF NOT EXISTS quantities (
                event_id TEXT NOT NULL,
                pos INTEGER NOT NULL,
                value DOUBLE PRECISION,
                qualifier TEXT,
                unit TEXT,
                kind TEXT,
                start_char INTEGER,
                end_char INTEGER,
                text TEXT,
                PRIMARY KEY (event_id, pos)
            )""",
            """CREATE TABLE IF NOT EXISTS quotes (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL,
                local_id TEXT NOT NULL,
                kind TEXT,
                text TEXT,
                start_char INTEGER,
                end_char INTEGER,
                speaker TEXT,
                speaker_text TEXT,
                speaker_start INTEGER,
                speaker_end INTEGER,
                cue_start INTEGER,
                cue_end INTEGER,
                reported_by TEXT
            )""",
            """CREATE TABLE IF NOT EXISTS places (
                article_id TEXT NOT NULL,
                pos INTEGER NOT NULL,
                name TEXT,
                country TEXT,
                lat DOUBLE PRECISION,
                lon DOUBLE PRECISION,
                geonames_id BIGINT,
                start_char INTEGER,
                end_char INTEGER,
                PRIMARY KEY (article_id, pos)
            )""",
            """CREATE TABLE IF NOT EXISTS dates (
                article_id TEXT NOT NULL,
                pos INTEGER NOT NULL,
                text TEXT,
                value TEXT,
                type TEXT,
                start_char INTEGER,
                end_char INTEGER,
                PRIMARY KEY (article_id, pos)
            )""",
            """CREATE TABLE IF NOT EXISTS skipped (
                origin TEXT NOT NULL,
                code TEXT NOT NULL,
                reason TEXT NOT NULL,
                seen_at TIMESTAMP NOT NULL,
                PRIMARY KEY (origin, code)
            )""",
            "CREATE INDEX IF NOT EXISTS events_article ON events (article_id)",
            "CREATE INDEX IF NOT EXISTS events_type_day ON events (type, event_day)",
            "CREATE INDEX IF NOT EXISTS actors_article ON actors (article_id)",
            "CREATE INDEX IF NOT EXISTS event_actors_actor ON event_actors (actor_id)",
            "CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id)",
        ),
    ),
    Migration(
        2,
        "clusters of events fused across articles",
        (
            """CREATE TABLE IF NOT EXISTS clusters (
                id TEXT NOT NULL,
                type TEXT,
                first_report DATE,
                last_report DATE,
                first_day DATE,
                last_day DATE,
                place_name TEXT,
                place_country TEXT,
                n_events INTEGER NOT NULL,
                n_articles INTEGER NOT NULL,
                n_sites INTEGER NOT NULL,
                sources TEXT NOT NULL,
                quantities TEXT NOT NULL,
                conflicts TEXT NOT NULL,
                created_at TIMESTAMP NOT NULL
            )""",
            """CREATE TABLE IF NOT EXISTS cluster_members (
                cluster_id TEXT NOT NULL,
                event_id TEXT NOT NULL,
                article_id TEXT NOT NULL
            )""",
            "CREATE INDEX IF NOT EXISTS cluster_members_event ON cluster_members (event_id)",
        ),
    ),
    Migration(
        3,
        "where each event's date came from (text, context or publication)",
        ("ALTER TABLE events ADD COLUMN IF NOT EXISTS date_source TEXT",),
    ),
    Migration(
        4,
        "copies and indexes for fast queries on large stores",
        (
            # each row carries the few columns of other tables its queries filter and sort on
            # (written with the row, in the same transaction, and never changed afterwards), so
            # a query picks its page from one table and joins only that page
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS published DATE",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_names TEXT",
            "ALTER TABLE events ADD COLUMN IF NOT EXISTS actor_countries TEXT",
            "ALTER TABLE event_actors ADD COLUMN IF NOT EXISTS name TEXT",
            "ALTER TABLE event_actors ADD COLUMN IF NOT EXISTS country TEXT",
            "ALTER TABLE event_actors ADD COLUMN IF NOT EXISTS sector TEXT",
            "ALTER TABLE event_actors ADD COLUMN IF NOT EXISTS kind TEXT",
            "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS published DATE",
            "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_name TEXT",
            "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_country TEXT",
            "ALTER TABLE quotes ADD COLUMN IF NOT EXISTS speaker_sector TEXT",
            *FILL_COPIES,
            # the parts of a page are looked up by event id (the primary keys start with it,
            # but DuckDB uses an index only for the whole key)
            "CREATE INDEX IF NOT EXISTS event_actors_event ON event_actors (event_id)",
            "CREATE INDEX IF NOT EXISTS quantities_event ON quantities (event_id)",
            "CREATE INDEX IF NOT EXISTS clusters_id ON clusters (id)",
        ),
        (
            "CREATE INDEX IF NOT EXISTS events_order ON events (event_day, published, id)",
            "CREATE INDEX IF NOT EXISTS quotes_order ON quotes (published, article_id, start_char)",
            "CREATE INDEX IF NOT EXISTS event_actors_country ON event_actors (country)",
            "CREATE INDEX IF NOT EXISTS events_place_country ON events (place_country)",
            "ANALYZE",
        ),
    ),
    Migration(
        5,
        "totals per canonical actor, kept with each article's rows",
        (
            # one row per canonical actor (name, country, sector, kind) with the numbers
            # Store.actors shows; each add_records adds its articles' share in the same
            # transaction (UPSERT_ACTOR_TOTALS), so the list is read, not grouped from 1.6M rows
            """CREATE TABLE IF NOT EXISTS actor_totals (
                actor_key TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                country TEXT,
                sector TEXT,
                kind TEXT,
                articles BIGINT NOT NULL,
                events BIGINT NOT NULL,
                first_seen DATE,
                last_seen DATE,
                example_url TEXT
            )""",
            *FILL_ACTOR_TOTALS,
        ),
        (
            """CREATE INDEX IF NOT EXISTS actor_totals_order
                ON actor_totals (articles DESC, events DESC, name)""",
            "ANALYZE actor_totals",
        ),
    ),
    Migration(
        6,
        "trigram indexes for the substring filters (PostgreSQL, where pg_trgm is available)",
        (),
        (TRIGRAM_INDEXES,),
    ),
    Migration(
        7,
        "the country filter's two columns in one index (PostgreSQL)",
        (),
        (
            # counting events of a common country (half of them, say) read the whole heap,
            # ~800 bytes a row, to test two short columns: the OR of an equality and a
            # substring that no index narrows to few rows. A b-tree over both answers it by an
            # index-only scan of a few MB once (auto)vacuum has marked the pages all-visible;
            # until then the planner keeps the heap scan. The country lists are a few codes
            # (and long ones compress), far below a b-tree entry's ~2.7 kB limit.
            """CREATE INDEX IF NOT EXISTS events_countries
                ON events (place_country, actor_countries)""",
            "ANALYZE events",
        ),
    ),
)

# --- writes -------------------------------------------------------------------------------

SELECT_VERSIONS = "SELECT version FROM schema_version ORDER BY version"
INSERT_VERSION = "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)"

HAS_ARTICLE = "SELECT 1 FROM articles WHERE id = ?"
ARTICLE_IDS = "SELECT id FROM articles"

INSERT_ARTICLE = """INSERT INTO articles
    (id, url, site, title, published, published_source, text, origin, record_version,
     record_json, ingested_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (id) DO NOTHING"""
INSERT_ACTOR = """INSERT INTO actors (id, article_id, local_id, name, country, sector, kind, role)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_MENTION = """INSERT INTO mentions (actor_id, article_id, start_char, end_char, text)
    VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"""
INSERT_EVENT = """INSERT INTO events
    (id, article_id, local_id, type, mode, context, cameo, date_value, date_granularity,
     date_start, date_end, event_day, place_name, place_country, place_lat, place_lon,
     place_geonames_id, place_start, place_end, modality, reported_by, confidence,
     sentence_start, sentence_end, trigger_start, trigger_end, evidence, trigger_text,
     more_evidence, date_source, published, actor_names, actor_countries)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
     ?, ?, ?, ?)"""
INSERT_EVENT_ACTOR = """INSERT INTO event_actors
    (event_id, actor_id, role, pos, name, country, sector, kind)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING"""
INSERT_QUANTITY = """INSERT INTO quantities
    (event_id, pos, value, qualifier, unit, kind, start_char, end_char, text)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_QUOTE = """INSERT INTO quotes
    (id, article_id, local_id, kind, text, start_char, end_char, speaker, speaker_text,
     speaker_start, speaker_end, cue_start, cue_end, reported_by, published, speaker_name,
     speaker_country, speaker_sector)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_PLACE = """INSERT INTO places
    (article_id, pos, name, country, lat, lon, geonames_id, start_char, end_char)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_DATE = """INSERT INTO dates (article_id, pos, text, value, type, start_char, end_char)
    VALUES (?, ?, ?, ?, ?, ?, ?)"""
#: PostgreSQL: where a batch's articles wait while the insert decides which are new
PG_STAGE_ARTICLES = """CREATE TEMPORARY TABLE dateline_new_articles (LIKE articles)
    ON COMMIT DROP"""
STORED_AMONG = "SELECT id FROM articles WHERE id IN ({marks})"

#: the tables a record fills after ``articles``, with the statement that names their columns
#: in the order :func:`dateline.store.rows.record_rows` builds them
RECORD_TABLES: tuple[tuple[str, str], ...] = (
    ("actors", INSERT_ACTOR),
    ("mentions", INSERT_MENTION),
    ("events", INSERT_EVENT),
    ("event_actors", INSERT_EVENT_ACTOR),
    ("quantities", INSERT_QUANTITY),
    ("quotes", INSERT_QUOTE),
    ("places", INSERT_PLACE),
    ("dates", INSERT_DATE),
)
#: tables whose rows may repeat a primary key within one record (a mention found twice, an
#: actor listed twice for an event): the first row is kept, as ``ON CONFLICT DO NOTHING`` did
FIRST_ROW_WINS: dict[str, tuple[str, ...]] = {
    "mentions": ("actor_id", "start_char", "end_char"),
    "event_actors": ("event_id", "role", "actor_id"),
}

#: one row per actor row of the articles being added: what each adds to its actor's totals
#: (``events``: the links to that actor row); see Store._add_actor_totals
STAGE_ACTOR_TOTALS = """CREATE TEMPORARY TABLE IF NOT EXISTS dateline_actor_delta (
    name TEXT, country TEXT, sector TEXT, kind TEXT, article_id TEXT, published DATE,
    url TEXT, events BIGINT)"""
STAGE_ACTOR_TOTALS_COLUMNS = """INSERT INTO dateline_actor_delta (name, country, sector, kind,
    article_id, published, url, events) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"""
CLEAR_ACTOR_TOTALS_STAGE = "DELETE FROM dateline_actor_delta"
#: the staged rows, grouped as SELECT_ACTORS groups, added to the totals (in key order, so two
#: PostgreSQL writers lock the rows they share in the same order)
UPSERT_ACTOR_TOTALS = f"""INSERT INTO actor_totals (actor_key, name, country, sector, kind,
        articles, events, first_seen, last_seen, example_url)
    SELECT {ACTOR_KEY.format(p="")} AS actor_key, name, country, sector, kind,
        COUNT(DISTINCT article_id), SUM(events), MIN(published), MAX(published), MIN(url)
    FROM dateline_actor_delta
    GROUP BY name, country, sector, kind
    ORDER BY actor_key
    ON CONFLICT (actor_key) DO UPDATE SET
        articles = actor_totals.articles + excluded.articles,
        events = actor_totals.events + excluded.events,
        first_seen = LEAST(actor_totals.first_seen, excluded.first_seen),
        last_seen = GREATEST(actor_totals.last_seen, excluded.last_seen),
        example_url = LEAST(actor_totals.example_url, excluded.example_url)"""

UPSERT_SKIPPED = """INSERT INTO skipped (origin, code, reason, seen_at) VALUES (?, ?, ?, ?)
    ON CONFLICT (origin, code) DO UPDATE SET reason = excluded.reason, seen_at = excluded.seen_at"""

DELETE_CLUSTER_MEMBERS = "DELETE FROM cluster_members"
DELETE_CLUSTERS = "DELETE FROM clusters"
INSERT_CLUSTER = """INSERT INTO clusters
    (id, type, first_report, last_report, first_day, last_day, place_name, place_country,
     n_events, n_articles, n_sites, sources, quantities, conflicts, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"""
INSERT_CLUSTER_MEMBER = (
    "INSERT INTO cluster_members (cluster_id, event_id, article_id) VALUES (?, ?, ?)"
)

# --- reads --------------------------------------------------------------------------------

COUNT_TABLES: tuple[str, ...] = (
    "articles",
    "actors",
    "mentions",
    "events",
    "event_actors",
    "quantities",
    "quotes",
    "places",
    "dates",
    "clusters",
    "cluster_members",
    "skipped",
)

SELECT_RECORD = "SELECT text, record_json FROM articles WHERE id = ?"
SELECT_SKIPPED = "SELECT origin, code, reason, seen_at FROM skipped ORDER BY origin, code"

SELECT_EVENTS = """SELECT e.id, e.article_id, e.local_id, e.type, e.mode, e.context, e.cameo,
    e.date_value, e.date_granularity, e.date_source, e.event_day AS day, e.place_name, e.place_country,
    e.place_lat, e.place_lon, e.place_geonames_id, e.modality, e.confidence,
    e.sentence_start, e.sentence_end, e.trigger_start, e.trigger_end,
    e.evidence, e.trigger_text AS trigger, e.more_evidence,
    e.reported_by AS reported_by_id, rb.name AS reported_by, rb.country AS reported_by_country,
    a.url, a.site, a.title, a.published,
    cm.cluster_id, c.n_articles AS cluster_articles, c.n_sites AS cluster_sites
    FROM events e
    JOIN articles a ON a.id = e.article_id
    LEFT JOIN actors rb ON rb.id = e.reported_by
    LEFT JOIN cluster_members cm ON cm.event_id = e.id
    LEFT JOIN clusters c ON c.id = cm.cluster_id"""
EVENTS_ORDER = " ORDER BY e.event_day NULLS LAST, e.published NULLS LAST, e.id"
#: the leading keys of EVENTS_ORDER ((column, descending)): what bounds a page (base._bounded)
EVENTS_ORDER_KEYS: tuple[tuple[str, bool], ...] = (("e.event_day", False), ("e.published", False))
# The filters, order and limit run on the events table alone ({picked}: EVENT_IDS + where +
# EVENTS_ORDER + limit): each event carries its article's publication day and each actor link
# its actor's name and country (migration 4). A page of ids is then looked up by key, table by
# table (EVENTS_BY_ID and the lookups below: each uses an index, where a join would read the
# whole of the other table); many ids are joined to their wide columns (SELECT_PICKED_EVENTS).
EVENT_IDS = "SELECT e.id FROM events e"
SELECT_PICKED_EVENTS = SELECT_EVENTS.replace(
    "FROM events e", "FROM ({picked}) pick JOIN events e ON e.id = pick.id"
)
EVENTS_BY_ID = """SELECT id, article_id, local_id, type, mode, context, cameo, date_value,
    date_granularity, date_source, event_day AS day, place_name, place_country, place_lat,
    place_lon, place_geonames_id, modality, confidence, sentence_start, sentence_end,
    trigger_start, trigger_end, evidence, trigger_text AS trigger, more_evidence,
    reported_by AS reported_by_id FROM events WHERE id IN ({marks})"""
ARTICLES_BY_ID = "SELECT id, url, site, title, published FROM articles WHERE id IN ({marks})"
REPORTERS_BY_ID = "SELECT id, name, country FROM actors WHERE id IN ({marks})"
MEMBERS_BY_EVENT = """SELECT event_id, cluster_id FROM cluster_members
    WHERE event_id IN ({marks})"""
CLUSTER_SIZES_BY_ID = "SELECT id, n_articles, n_sites FROM clusters WHERE id IN ({marks})"

# {events}: ``IN (?, ...)`` with the ids, or ``IN (picked)`` for many
SELECT_EVENT_ACTORS = """SELECT ea.event_id, ea.role, ea.pos, ea.actor_id AS id, ea.name,
    ea.country, ea.sector, ea.kind FROM event_actors ea
    WHERE ea.name IS NOT NULL AND ea.event_id IN ({events}) ORDER BY ea.event_id, ea.role, ea.pos"""
SELECT_QUANTITIES = """SELECT event_id, pos, value, qualifier, unit, kind, start_char, end_char,
    text FROM quantities WHERE event_id IN ({events}) ORDER BY event_id, pos"""

QUOTE_IDS = "SELECT q.id FROM quotes q"
SELECT_QUOTES = """SELECT q.id, q.article_id, q.local_id, q.kind, q.text, q.start_char,
    q.end_char, q.speaker AS speaker_id, q.speaker_name AS speaker,
    q.speaker_country, q.speaker_sector, q.speaker_text, q.reported_by,
    a.url, a.site, a.title, a.published
    FROM quotes q
    JOIN articles a ON a.id = q.article_id"""
SELECT_PICKED_QUOTES = SELECT_QUOTES.replace(
    "FROM quotes q", "FROM ({picked}) pick JOIN quotes q ON q.id = pick.id"
)
QUOTES_BY_ID = """SELECT id, article_id, local_id, kind, text, start_char, end_char,
    speaker AS speaker_id, speaker_name AS speaker, speaker_country, speaker_sector,
    speaker_text, reported_by FROM quotes WHERE id IN ({marks})"""
QUOTES_ORDER = " ORDER BY q.published NULLS LAST, q.article_id, q.start_char"
QUOTES_ORDER_KEYS: tuple[tuple[str, bool], ...] = (("q.published", False),)

SELECT_ACTORS = """SELECT ac.name, ac.country, ac.sector, ac.kind,
    COUNT(DISTINCT ac.article_id) AS articles,
    SUM(COALESCE(ev.n, 0)) AS events,
    MIN(a.published) AS first_seen, MAX(a.published) AS last_seen,
    MIN(a.url) AS example_url
    FROM actors ac
    JOIN articles a ON a.id = ac.article_id
    LEFT JOIN (SELECT actor_id, COUNT(*) AS n FROM event_actors GROUP BY actor_id) ev
        ON ev.actor_id = ac.id"""
ACTORS_GROUP_ONLY = " GROUP BY ac.name, ac.country, ac.sector, ac.kind"
#: ties on name broken by country, sector and kind, so both ways of listing actors agree
ACTORS_GROUP = ACTORS_GROUP_ONLY + (
    " ORDER BY articles DESC, events DESC, ac.name, ac.country NULLS LAST,"
    " ac.sector NULLS LAST, ac.kind NULLS LAST"
)
#: the same rows from the totals (migration 5), when no filter needs the articles' days
SELECT_ACTOR_TOTALS = """SELECT t.name, t.country, t.sector, t.kind, t.articles, t.events,
    t.first_seen, t.last_seen, t.example_url FROM actor_totals t"""
ACTOR_TOTALS_ORDER = """ ORDER BY t.articles DESC, t.events DESC, t.name, t.country NULLS LAST,
    t.sector NULLS LAST, t.kind NULLS LAST"""

SELECT_CLUSTERS = """SELECT id, type, first_report, last_report, first_day, last_day,
    place_name, place_country, n_events, n_articles, n_sites, sources, quantities, conflicts
    FROM clusters ORDER BY first_day NULLS LAST, id"""

# --- filter fragments (each takes the parameters listed beside it) -------------------------

LIKE = " LIKE ? ESCAPE '\\'"
#: LIKE for a pattern with nothing escaped (see ``base._where``)
LIKE_PLAIN = " LIKE ?"
#: what separates (and ends) the names and countries of an event's actors in events.actor_names
#: and events.actor_countries: the unit separator, chr(31), which no name or code holds
ACTOR_SEP = "\x1f"
EVENT_FILTERS: dict[str, str] = {
    "type": "e.type = ?",
    "mode": "e.mode" + LIKE,
    "since": "e.event_day >= ?",
    "until": "e.event_day <= ?",
    "place": "LOWER(e.place_name)" + LIKE,
    "text": "LOWER(e.evidence)" + LIKE,
    # actor: a name fragment or a country code, for actors and recipients alike, matched in
    # the event's own copies of its actors' names and countries (each between two ACTOR_SEP):
    # a fragment without ACTOR_SEP matches the joined names where it matches one of them
    "actor": "(LOWER(e.actor_names)" + LIKE + " OR e.actor_countries" + LIKE + ")",
    # country: of an actor, a recipient or the place
    "country": "(e.place_country = ? OR e.actor_countries" + LIKE + ")",
    "article": "e.article_id = ?",
    "modality": "e.modality = ?",
    "min_confidence": "e.confidence >= ?",
}
#: for a value holding ACTOR_SEP (which could match across two names): the links themselves
EVENT_FILTERS_BY_LINK: dict[str, str] = {
    "actor": """EXISTS (SELECT 1 FROM event_actors ea
        WHERE ea.event_id = e.id AND (LOWER(ea.name)"""
    + LIKE
    + " OR ea.country = ?))",
    "country": """(e.place_country = ? OR EXISTS (SELECT 1 FROM event_actors ea
        WHERE ea.event_id = e.id AND ea.country = ?))""",
}
QUOTE_FILTERS: dict[str, str] = {
    "speaker": "(LOWER(q.speaker_name)" + LIKE + " OR LOWER(q.speaker_text)" + LIKE + ")",
    "text": "LOWER(q.text)" + LIKE,
    "since": "q.published >= ?",
    "until": "q.published <= ?",
    "country": "q.speaker_country = ?",
    "article": "q.article_id = ?",
}
ACTOR_FILTERS: dict[str, str] = {
    # actor: a name fragment or a country code, as for events (it takes the same two values)
    "actor": "(LOWER(ac.name)" + LIKE + " OR ac.country = ?)",
    "country": "ac.country = ?",
    "sector": "ac.sector = ?",
    "since": "a.published >= ?",
    "until": "a.published <= ?",
}
#: the filters of ACTOR_FILTERS that the totals answer (since/until need each article's day)
ACTOR_TOTALS_FILTERS: dict[str, str] = {
    "actor": "(LOWER(t.name)" + LIKE + " OR t.country = ?)",
    "country": "t.country = ?",
    "sector": "t.sector = ?",
}

# --- pages, single items and summaries (the web API) --------------------------------------

# the columns an event page may be sorted by; every order ends with the id, so pages are stable
EVENT_SORTS: dict[str, str] = {
    "day": "e.event_day",
    "published": "e.published",
    "confidence": "e.confidence",
    "type": "e.type",
}
EVENT_MODALITY = "e.modality = ?"
EVENT_MIN_CONFIDENCE = "e.confidence >= ?"
COUNT_EVENTS = "SELECT COUNT(*) AS n FROM events e"
PAGE = " LIMIT ? OFFSET ?"
SELECT_EVENT = SELECT_EVENTS + " WHERE e.id = ?"

SELECT_ARTICLE = """SELECT id, url, site, title, published, published_source, origin,
    ingested_at FROM articles WHERE id = ?"""

STATS_TYPES = "SELECT type, COUNT(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
STATS_MODALITIES = """SELECT COALESCE(modality, '') AS modality, COUNT(*) AS n FROM events
    GROUP BY COALESCE(modality, '') ORDER BY n DESC, modality"""
STATS_DAYS = """SELECT MIN(event_day) AS first_day, MAX(event_day) AS last_day FROM events"""
STATS_COUNTRIES = """SELECT place_country AS country, COUNT(*) AS n FROM events
    WHERE place_country IS NOT NULL GROUP BY place_country ORDER BY n DESC, place_country"""
STATS_SITES = """SELECT COALESCE(site, '') AS site, COUNT(*) AS n FROM articles
    GROUP BY COALESCE(site, '') ORDER BY n DESC, site"""

# who acts on whom: one row per (actor, recipient, type) with the number of events
SELECT_ACTOR_LINKS = """SELECT src.name AS source, src.country AS source_country,
    dst.name AS target, dst.country AS target_country, e.type, COUNT(*) AS events
    FROM events e
    JOIN articles a ON a.id = e.article_id
    JOIN event_actors ea ON ea.event_id = e.id AND ea.role = 'actor'
    JOIN actors src ON src.id = ea.actor_id
    JOIN event_actors er ON er.event_id = e.id AND er.role = 'recipient'
    JOIN actors dst ON dst.id = er.actor_id"""
ACTOR_LINKS_GROUP = """ GROUP BY src.name, src.country, dst.name, dst.country, e.type
    ORDER BY events DESC, source, target, e.type"""
