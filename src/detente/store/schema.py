"""The store's schema as an ordered list of migrations.

A store records the highest migration applied; opening it for writing applies the rest in
one transaction. Migrations are append-only: a released one is never edited, a change is a
new one, so every store, however old, reaches the same shape.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (
        1,
        "documents, sentences, actors, mentions, events and stage progress",
        [
            """
            CREATE TABLE documents (
                id VARCHAR PRIMARY KEY,          -- hash of the normalised text
                origin VARCHAR NOT NULL,         -- path, path:line or URL it was read from
                url VARCHAR,
                title VARCHAR,
                author VARCHAR,
                source VARCHAR,                  -- outlet or collection name
                published DATE,
                published_origin VARCHAR NOT NULL,  -- metadata | user | text-estimate | unknown
                text VARCHAR NOT NULL,
                n_sentences INTEGER NOT NULL,
                ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp
            )
            """,
            """
            CREATE TABLE sentences (
                doc_id VARCHAR NOT NULL,
                idx INTEGER NOT NULL,            -- 0-based, in reading order
                paragraph INTEGER NOT NULL,
                start_char INTEGER NOT NULL,     -- offsets into documents.text
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                PRIMARY KEY (doc_id, idx)
            )
            """,
            """
            CREATE TABLE actors (
                id VARCHAR PRIMARY KEY,          -- stable slug: iran, taliban, isis-k
                name VARCHAR NOT NULL,
                kind VARCHAR NOT NULL,           -- state, military, armed_group, igo, ...
                country VARCHAR,                 -- ISO 3166 alpha-3
                cameo_code VARCHAR,
                parent_id VARCHAR,
                provisional BOOLEAN NOT NULL DEFAULT false  -- proposed by NER, not in the KB
            )
            """,
            """
            CREATE TABLE mentions (
                doc_id VARCHAR NOT NULL,
                sentence_idx INTEGER NOT NULL,
                start_char INTEGER NOT NULL,     -- offsets into documents.text
                end_char INTEGER NOT NULL,
                text VARCHAR NOT NULL,
                actor_id VARCHAR,
                sector VARCHAR,                  -- CAMEO/PLOVER agent code: GOV, MIL, SPY, ...
                person_id VARCHAR,               -- the leader or official named, if any
                resolution VARCHAR NOT NULL,     -- name, alias, metonym, demonym, role, office,
                                                 -- person, coreference, ner
                confidence DOUBLE NOT NULL
            )
            """,
            """
            CREATE TABLE events (
                id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                sentence_idx INTEGER NOT NULL,
                source_id VARCHAR,
                target_id VARCHAR,
                type VARCHAR NOT NULL,           -- PLOVER type, or RELATION for relation states
                cameo_root VARCHAR,
                quad_class INTEGER,
                intensity DOUBLE,
                polarity INTEGER NOT NULL,       -- -1, 0, 1
                modality VARCHAR NOT NULL,       -- asserted, negated, reported, future
                hedged BOOLEAN NOT NULL DEFAULT false,  -- may, could, reportedly, if ...
                asserted_by VARCHAR,             -- who the text says claims it
                reciprocal BOOLEAN NOT NULL DEFAULT false,
                time_start DATE,
                time_end DATE,
                time_precision VARCHAR,          -- day, month, year, decade
                time_text VARCHAR,               -- the expression as written
                time_origin VARCHAR,             -- sentence, paragraph, document, none
                trigger_start INTEGER,
                trigger_end INTEGER,
                source_start INTEGER,
                source_end INTEGER,
                target_start INTEGER,
                target_end INTEGER,
                confidence DOUBLE,
                extractor VARCHAR NOT NULL,
                extractor_version VARCHAR NOT NULL,
                trace JSON
            )
            """,
            """
            CREATE TABLE document_stages (
                doc_id VARCHAR NOT NULL,
                stage VARCHAR NOT NULL,          -- actors, events, ...
                version VARCHAR NOT NULL,        -- a new version re-processes the document
                completed_at TIMESTAMP NOT NULL,
                PRIMARY KEY (doc_id, stage)
            )
            """,
            "CREATE INDEX mentions_doc ON mentions (doc_id, sentence_idx)",
            "CREATE INDEX events_dyad ON events (source_id, target_id)",
            "CREATE INDEX mentions_actor ON mentions (actor_id)",
        ],
    ),
    (
        2,
        "PLOVER contexts of events",
        [
            # economic, migration, ... (see detente/events/data/contexts.yaml)
            "ALTER TABLE events ADD COLUMN contexts VARCHAR[] DEFAULT []",
            "UPDATE events SET contexts = [] WHERE contexts IS NULL",
        ],
    ),
    (
        3,
        "drivers: the fears, interests and reasons the text gives for an actor's conduct",
        [
            """
            CREATE TABLE drivers (
                id VARCHAR PRIMARY KEY,
                doc_id VARCHAR NOT NULL,
                sentence_idx INTEGER NOT NULL,
                actor_id VARCHAR NOT NULL,       -- who fears, seeks or has the reason
                toward_id VARCHAR,               -- the actor it bears on, when known
                toward_origin VARCHAR NOT NULL,  -- sentence, paragraph, none
                kind VARCHAR NOT NULL,           -- fear, interest, reason
                cue VARCHAR NOT NULL,            -- the word that made it a driver
                summary VARCHAR NOT NULL,        -- the words that state it
                contexts VARCHAR[] NOT NULL DEFAULT [],
                modality VARCHAR NOT NULL,
                asserted_by VARCHAR,
                time_start DATE,
                time_end DATE,
                time_precision VARCHAR,
                time_text VARCHAR,
                confidence DOUBLE,
                extractor VARCHAR NOT NULL,
                extractor_version VARCHAR NOT NULL
            )
            """,
            "CREATE INDEX drivers_actor ON drivers (actor_id)",
        ],
    ),
    (
        4,
        "event groups: the reports (event rows) that are one real event",
        [
            # Only reports that share their event with another have a row; a report with
            # none is an event alone (see detente/store/event_groups.py). Rebuilt by the
            # writer for the (source, target, type) it touches.
            """
            CREATE TABLE event_groups (
                event_id VARCHAR NOT NULL,       -- events.id of the report
                group_id VARCHAR NOT NULL,       -- hash of the sorted member ids
                rank INTEGER NOT NULL,           -- 0: the report that speaks for the event
                time_start DATE,                 -- the event's span: its finest report's
                time_end DATE
            )
            """,
        ],
    ),
    (
        5,
        "documents: the genre a document declares (opinion, analysis, blog)",
        [
            # NULL: a report, or a document that does not say (and every document stored
            # before this migration; ingesting it again does not change it)
            "ALTER TABLE documents ADD COLUMN genre VARCHAR",
        ],
    ),
]

SCHEMA_VERSION = MIGRATIONS[-1][0]
