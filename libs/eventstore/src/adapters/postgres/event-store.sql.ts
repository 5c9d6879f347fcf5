/**
 * The event store's SQL, shared by PostgreSQL (>= 15) and PGlite. `S` is the schema name,
 * validated as a plain identifier before it is interpolated.
 */
export const STREAM_LOCK_NAMESPACE = 0x53_50_4c_53; // 'SPLS': per-stream append locks

/**
 * What both append functions do before inserting: queue on the stream's lock, read its head,
 * recognise a retried append by its last event id, and check the expected revision.
 */
function appendPrelude(S: string, lastId: string): string {
  return `  PERFORM pg_advisory_xact_lock(${STREAM_LOCK_NAMESPACE}, hashtext(p_stream));

  SELECT e.revision, e.hash INTO v_head, v_prev
    FROM ${S}.events e WHERE e.stream = p_stream ORDER BY e.revision DESC LIMIT 1;
  IF NOT FOUND THEN
    v_head := NULL;
    v_prev := '\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
  END IF;

  -- A retried append (same event ids) returns what the first one stored. Only a write that
  -- would otherwise pass without a revision check, or one whose check fails, needs the lookup.
  IF p_expected_kind IN ('any', 'stream_exists')
     OR (p_expected_kind = 'revision' AND v_head IS DISTINCT FROM p_expected)
     OR (p_expected_kind = 'no_stream' AND v_head IS NOT NULL) THEN
    SELECT e.stream, e.revision, e.transaction_id, e.position INTO v_stream, v_found_revision, v_tx, v_position
      FROM ${S}.events e WHERE e.id = ${lastId};
    IF FOUND THEN
      IF v_stream <> p_stream THEN
        RETURN QUERY SELECT 'duplicate_id_elsewhere'::text, v_found_revision, NULL::text;
      ELSE
        RETURN QUERY SELECT 'duplicate'::text, v_found_revision, v_tx::text || ':' || v_position::text;
      END IF;
      RETURN;
    END IF;
  END IF;

  IF (p_expected_kind = 'revision' AND v_head IS DISTINCT FROM p_expected)
     OR (p_expected_kind = 'no_stream' AND v_head IS NOT NULL)
     OR (p_expected_kind = 'stream_exists' AND v_head IS NULL) THEN
    RETURN QUERY SELECT 'wrong_expected_revision'::text, v_head, NULL::text;
    RETURN;
  END IF;

`;
}

export function eventStoreDdl(S: string): string {
  return `
CREATE SCHEMA IF NOT EXISTS ${S};

CREATE TABLE IF NOT EXISTS ${S}.events (
  transaction_id xid8        NOT NULL DEFAULT pg_current_xact_id(),
  position       bigserial   NOT NULL,
  id             uuid        NOT NULL,
  stream         text        NOT NULL,
  revision       bigint      NOT NULL,
  type           text        NOT NULL,
  schema_version integer     NOT NULL,
  data           json        NOT NULL,
  metadata       json        NOT NULL,
  recorded_at    timestamptz NOT NULL,
  prev_hash      bytea       NOT NULL,
  hash           bytea       NOT NULL,
  CONSTRAINT events_global_order PRIMARY KEY (transaction_id, position),
  CONSTRAINT events_stream_revision UNIQUE (stream, revision),
  CONSTRAINT events_id UNIQUE (id)
);

CREATE TABLE IF NOT EXISTS ${S}.subscription_checkpoints (
  name       text        PRIMARY KEY,
  checkpoint text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One round trip per append. Writers to one stream queue on a transaction-scoped advisory
-- lock; every outcome is a returned status, never an exception, so a conflict does not cost
-- the pooled connection.
CREATE OR REPLACE FUNCTION ${S}.append_events(
  p_stream text,
  p_expected_kind text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_versions integer[],
  p_data text[],
  p_metadata text[],
  p_recorded_at timestamptz,
  p_content_hashes bytea[]
) RETURNS TABLE (status text, revision bigint, checkpoint text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_count integer := array_length(p_ids, 1);
  v_head bigint;
  v_prev bytea;
  v_hash bytea;
  v_tx xid8;
  v_position bigint;
  v_stream text;
  v_found_revision bigint;
BEGIN
${appendPrelude(S, 'p_ids[v_count]')}  FOR i IN 1..v_count LOOP
    v_hash := sha256(v_prev || p_content_hashes[i]);
    INSERT INTO ${S}.events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
    VALUES (p_ids[i], p_stream, coalesce(v_head, -1) + i, p_types[i], p_versions[i], p_data[i]::json,
            p_metadata[i]::json, p_recorded_at, v_prev, v_hash)
    RETURNING events.transaction_id, events.position INTO v_tx, v_position;
    v_prev := v_hash;
  END LOOP;

  RETURN QUERY SELECT 'appended'::text, coalesce(v_head, -1) + v_count, v_tx::text || ':' || v_position::text;
END
$fn$;

-- The common case, one event, with scalar parameters: no array encoding on either side.
CREATE OR REPLACE FUNCTION ${S}.append_event(
  p_stream text,
  p_expected_kind text,
  p_expected bigint,
  p_id uuid,
  p_type text,
  p_version integer,
  p_data text,
  p_metadata text,
  p_recorded_at timestamptz,
  p_content_hash bytea
) RETURNS TABLE (status text, revision bigint, checkpoint text)
LANGUAGE plpgsql AS $fn$
#variable_conflict use_column
DECLARE
  v_head bigint;
  v_prev bytea;
  v_tx xid8;
  v_position bigint;
  v_stream text;
  v_found_revision bigint;
BEGIN
${appendPrelude(S, 'p_id')}  INSERT INTO ${S}.events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
  VALUES (p_id, p_stream, coalesce(v_head, -1) + 1, p_type, p_version, p_data::json, p_metadata::json, p_recorded_at,
          v_prev, sha256(v_prev || p_content_hash))
  RETURNING events.transaction_id, events.position INTO v_tx, v_position;

  RETURN QUERY SELECT 'appended'::text, coalesce(v_head, -1) + 1, v_tx::text || ':' || v_position::text;
END
$fn$;
`;
}

/**
 * The usual single-event append as one plain statement (no function call): take the stream's
 * lock, link to the head, insert if the expectation holds. Any refusal, retry or race inserts
 * nothing (`ON CONFLICT DO NOTHING`, never an exception) and the caller asks `append_event`,
 * which reads under the lock, for the exact outcome.
 */
export function appendOneFastSql(S: string): string {
  const genesis = `'\\x${'0'.repeat(64)}'::bytea`;
  return `WITH stream_lock AS (SELECT pg_advisory_xact_lock(${STREAM_LOCK_NAMESPACE}, hashtext($1)))
    INSERT INTO ${S}.events (id, stream, revision, type, schema_version, data, metadata, recorded_at, prev_hash, hash)
    SELECT $4::uuid, $1, coalesce(h.revision, -1) + 1, $5, $6::int, $7::json, $8::json, $9::timestamptz,
           coalesce(h.hash, ${genesis}), sha256(coalesce(h.hash, ${genesis}) || $10::bytea)
      FROM stream_lock
      LEFT JOIN LATERAL (SELECT e.revision, e.hash FROM ${S}.events e WHERE e.stream = $1 ORDER BY e.revision DESC LIMIT 1) h ON true
     WHERE CASE $2::text WHEN 'any' THEN true WHEN 'no_stream' THEN h.revision IS NULL
                         WHEN 'stream_exists' THEN h.revision IS NOT NULL ELSE h.revision = $3::bigint END
    ON CONFLICT DO NOTHING
    RETURNING 'appended' AS status, revision::text AS revision, transaction_id::text || ':' || position::text AS checkpoint`;
}

const COLUMNS = `transaction_id::text AS tx, position::text AS pos, id::text AS id, stream, revision::int AS revision,
  type, schema_version, data::text AS data, metadata::text AS metadata,
  encode(prev_hash, 'hex') AS prev_hash, encode(hash, 'hex') AS hash`;

export function readStreamForwardsSql(S: string): string {
  return `SELECT ${COLUMNS} FROM ${S}.events WHERE stream = $1 AND revision >= $2 ORDER BY revision LIMIT $3`;
}

export function readStreamBackwardsSql(S: string): string {
  return `SELECT ${COLUMNS} FROM ${S}.events WHERE stream = $1 AND revision <= $2 ORDER BY revision DESC LIMIT $3`;
}

/**
 * Global order is (transaction id, position), and only transactions older than every one still
 * running are read: a transaction that took a lower position but commits later can then never
 * be overtaken by a reader (it is either finished, or keeps the horizon below itself).
 */
export function readAllSql(S: string): string {
  return `SELECT ${COLUMNS} FROM ${S}.events
    WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
      AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
    ORDER BY transaction_id, position LIMIT $3`;
}

/** `readAllSql` without the horizon: see `EventStorage.readAllCommitted`. */
export function readAllCommittedSql(S: string): string {
  return `SELECT ${COLUMNS} FROM ${S}.events
    WHERE (transaction_id, position) > ($1::xid8, $2::bigint)
    ORDER BY transaction_id, position LIMIT $3`;
}

export function headSql(S: string): string {
  return `SELECT transaction_id::text AS tx, position::text AS pos FROM ${S}.events
    ORDER BY transaction_id DESC, position DESC LIMIT 1`;
}

export function streamHeadsSql(S: string): string {
  return `SELECT DISTINCT ON (stream) stream, revision::int AS revision, encode(hash, 'hex') AS hash
    FROM ${S}.events WHERE stream > $1 ORDER BY stream, revision DESC LIMIT $2`;
}
