-- Who may log in and what they see: users with one role each and, for owners, account managers and
-- collectors, the client companies assigned to them (cl.cobranza.core.access.Role). Passwords are bcrypt
-- hashes; no plain text is ever stored. Usernames are lower case so that a login is not case-sensitive.
CREATE SCHEMA IF NOT EXISTS access;
CREATE TABLE IF NOT EXISTS access.users (
    username      TEXT PRIMARY KEY CHECK (username ~ '^[a-z0-9._@-]{3,64}$'),
    display_name  TEXT        NOT NULL CHECK (length(display_name) BETWEEN 1 AND 120),
    password_hash TEXT        NOT NULL,
    role          TEXT        NOT NULL CHECK (role IN ('OWNER', 'ACCOUNT_MANAGER', 'COLLECTOR', 'ADMIN')),
    enabled       BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS access.user_clients (
    username  TEXT NOT NULL REFERENCES access.users (username) ON DELETE CASCADE,
    client_id TEXT NOT NULL,
    PRIMARY KEY (username, client_id)
);
