-- 001_core.sql: the core store shared by the four daemons.
-- Applications and their append-only history, the inbox/outbox of the
-- transactional messaging pattern, payments guarded by the database itself,
-- and notices. Amounts are integer yen (bigint), times timestamptz, dates date.

CREATE TABLE program (
    program_id   text    NOT NULL,
    version      integer NOT NULL CHECK (version > 0),
    definition   jsonb   NOT NULL,
    sha256       text    NOT NULL,
    loaded_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (program_id, version)
);
-- A loaded program version is never edited in place.
CREATE FUNCTION program_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'program % version % is immutable; load a new version', OLD.program_id, OLD.version
        USING ERRCODE = '55000';
END $$;
CREATE TRIGGER program_no_update BEFORE UPDATE OR DELETE ON program
    FOR EACH ROW EXECUTE FUNCTION program_immutable();

CREATE SEQUENCE receipt_seq;

CREATE TABLE application (
    receipt_no       text PRIMARY KEY,
    program_id       text NOT NULL,
    office_number    text NOT NULL,
    corporate_number text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('online', 'post')),
    received_at      timestamptz NOT NULL,       -- arrival of the latest submission
    first_received_at timestamptz NOT NULL,      -- arrival of the first one (queue order)
    state            text NOT NULL CHECK (state IN ('received', 'on_hold', 'approved', 'rejected',
                        'correction_requested', 'payment_instructed', 'paid', 'payment_failed')),
    data             jsonb NOT NULL,             -- the normalised application as last amended
    attachment_problems jsonb NOT NULL DEFAULT '[]',
    correction_deadline date,
    correlation_id   uuid NOT NULL,
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX application_office ON application (program_id, office_number);
CREATE INDEX application_state ON application (state, first_received_at);

-- Every submission as it arrived (the portal's idempotency key is submission_id).
CREATE TABLE submission (
    submission_id uuid PRIMARY KEY,
    receipt_no    text NOT NULL REFERENCES application,
    content_sha256 text NOT NULL,
    as_submitted  jsonb NOT NULL,                -- exactly what the applicant typed
    normalised_changes jsonb NOT NULL DEFAULT '{}',
    received_at   timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE attachment (
    submission_id uuid NOT NULL REFERENCES submission,
    seq        integer NOT NULL,
    kind       text NOT NULL,
    file_name  text NOT NULL,
    size_bytes bigint NOT NULL,
    sha256     text NOT NULL,
    PRIMARY KEY (submission_id, seq)
);

-- Append-only history: who, when, from which state to which, and why.
CREATE TABLE application_event (
    id          bigserial PRIMARY KEY,
    receipt_no  text NOT NULL REFERENCES application,
    at          timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL,
    from_state  text,
    to_state    text NOT NULL,
    reason      jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX application_event_receipt ON application_event (receipt_no, id);
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = '55000';
END $$;
CREATE TRIGGER application_event_append_only BEFORE UPDATE OR DELETE ON application_event
    FOR EACH ROW EXECUTE FUNCTION append_only();

CREATE TABLE decision (
    id            bigserial PRIMARY KEY,
    receipt_no    text NOT NULL REFERENCES application,
    program_id    text NOT NULL,
    program_version integer NOT NULL,
    outcome       text NOT NULL CHECK (outcome IN ('approved', 'rejected', 'correction_requested', 'on_hold')),
    reasons       jsonb NOT NULL DEFAULT '[]',
    amount_yen    bigint CHECK (amount_yen IS NULL OR amount_yen > 0),
    decided_on    date NOT NULL,
    decided_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX decision_receipt ON decision (receipt_no, id);

-- Transactional messaging.
CREATE TABLE inbox (
    consumer     text NOT NULL,
    message_id   text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, message_id)
);

CREATE TABLE outbox (
    id         bigserial PRIMARY KEY,
    producer   text NOT NULL,
    topic      text NOT NULL,
    msg_key    text,
    payload    text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    sent_at    timestamptz
);
CREATE INDEX outbox_unsent ON outbox (producer, id) WHERE sent_at IS NULL;
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_' || NEW.producer, '');
    RETURN NULL;
END $$;
CREATE TRIGGER outbox_wake AFTER INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION outbox_notify();

-- Money. One payment per office number per program, whatever the code does.
CREATE TABLE transfer_batch (
    batch_id      bigserial PRIMARY KEY,
    transfer_date date NOT NULL,
    state         text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'exported')),
    exported_at   timestamptz,
    file_sha256   text,
    record_count  integer,
    total_yen     bigint
);
CREATE UNIQUE INDEX transfer_batch_one_open ON transfer_batch (transfer_date) WHERE state = 'open';

CREATE TABLE payment (
    payment_id    uuid PRIMARY KEY,
    program_id    text NOT NULL,
    office_number text NOT NULL,
    receipt_no    text NOT NULL UNIQUE REFERENCES application,
    amount_yen    bigint NOT NULL CHECK (amount_yen > 0),
    state         text NOT NULL CHECK (state IN ('instructed', 'paid', 'failed')),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT payment_once_per_office UNIQUE (program_id, office_number)
);

CREATE TABLE payment_attempt (
    payment_id    uuid NOT NULL REFERENCES payment,
    attempt       integer NOT NULL CHECK (attempt > 0),
    idempotency_key text NOT NULL UNIQUE,
    batch_id      bigint NOT NULL REFERENCES transfer_batch,
    bank_account  jsonb NOT NULL,
    state         text NOT NULL CHECK (state IN ('instructed', 'paid', 'failed')),
    transfer_date date NOT NULL,
    settled_on    date,
    failure_code  text,
    failure_reason text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (payment_id, attempt)
);

CREATE TABLE notice (
    notice_id   uuid PRIMARY KEY,
    receipt_no  text NOT NULL,
    kind        text NOT NULL,
    source_event_id text NOT NULL UNIQUE,     -- one notice per event, whatever is replayed
    file_path   text NOT NULL,
    sha256      text NOT NULL,
    body        text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notice_receipt ON notice (receipt_no);
