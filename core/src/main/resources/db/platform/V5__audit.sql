-- Every action taken through the platform (issue 8): logins (ok, failed, blocked), logouts, and every request
-- that changes something (POST, PUT, PATCH, DELETE), with who, from where, what and the answer's status.
-- Kept two years (cobranza.audit.retention-days, default 731), then purged daily by the API.
CREATE SCHEMA IF NOT EXISTS access;
CREATE TABLE IF NOT EXISTS access.audit_log (
    id          BIGSERIAL PRIMARY KEY,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    username    TEXT,
    action      TEXT        NOT NULL,   -- LOGIN_OK, LOGIN_FAILED, LOGIN_BLOCKED, LOGOUT, or the HTTP method
    path        TEXT,
    status      INT,
    remote_addr TEXT
);
CREATE INDEX IF NOT EXISTS audit_log_at ON access.audit_log (at);
CREATE INDEX IF NOT EXISTS audit_log_user ON access.audit_log (username, at);
