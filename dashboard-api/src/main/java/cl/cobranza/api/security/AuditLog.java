package cl.cobranza.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The audit log in the platform PostgreSQL ({@code access.audit_log}, db/platform/V5__audit.sql): logins and every
 * request that changes something, kept {@code cobranza.audit.retention-days} (two years) and purged daily.
 */
@Repository
public class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_PATH = 500;

    private final JdbcClient jdbc;
    private final int retentionDays;

    AuditLog(JdbcClient jdbc, @Value("${cobranza.audit.retention-days:731}") int retentionDays,
             ScheduledExecutorService liveScheduler) {
        this.jdbc = jdbc;
        this.retentionDays = retentionDays;
        liveScheduler.scheduleWithFixedDelay(this::purge, 1, 24 * 60, TimeUnit.MINUTES);
    }

    /** Records one entry; a failure to write is logged, never turned into the request's failure. */
    public void record(String username, String action, String path, Integer status, String remoteAddr) {
        try {
            jdbc.sql("INSERT INTO access.audit_log (username, action, path, status, remote_addr) VALUES (?, ?, ?, ?, ?)")
                    .params(username, action, path == null || path.length() <= MAX_PATH ? path : path.substring(0, MAX_PATH),
                            status, remoteAddr)
                    .update();
        } catch (RuntimeException e) {
            LOG.error("Could not write the audit log entry {} {} {}", username, action, path, e);
        }
    }

    /** Deletes entries older than the retention; returns how many. */
    public int purge() {
        try {
            return jdbc.sql("DELETE FROM access.audit_log WHERE at < now() - make_interval(days => ?)")
                    .params(retentionDays).update();
        } catch (RuntimeException e) {
            LOG.error("Could not purge the audit log", e);
            return 0;
        }
    }
}
