package cl.cobranza.api.kpis;

import cl.cobranza.api.web.DateParameter;
import cl.cobranza.api.web.LiveStream;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import cl.cobranza.api.web.RangeParameters;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * KPIs of one client, a configured group or the whole agency: current values, daily and monthly series and
 * recovery per cohort; groups and the agency are rolled up from their clients' rows. Dates default to today
 * in {@code cobranza.timezone}.
 */
@RestController
@RequestMapping("/api/v1")
class KpiController {
    private final KpiScopes scopes;
    private final KpiReport report;
    private final LiveStream<Scope, KpiResponses.Current> live;

    KpiController(KpiScopes scopes, KpiReport report, LiveStream<Scope, KpiResponses.Current> live) {
        this.scopes = scopes;
        this.report = report;
        this.live = live;
    }

    /**
     * GET /api/v1/clients/{clientId}/kpis/stream: server-sent events named {@code kpis}, each the body of
     * {@code …/kpis} as of today, on connect and whenever a value changes.
     */
    @GetMapping(path = "/clients/{clientId}/kpis/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter clientStream(@PathVariable("clientId") String clientId) {
        return live.subscribe(scopes.client(clientId));
    }

    /** GET /api/v1/kpis/definitions: every KPI's id, names, unit and Spanish definition. */
    @GetMapping("/kpis/definitions")
    List<KpiResponses.Definition> definitions() {
        return report.definitions();
    }

    /** GET /api/v1/groups: the configured groups and their clients. */
    @GetMapping("/groups")
    List<KpiResponses.Group> groups() {
        return scopes.groups();
    }

    /** GET /api/v1/clients/{clientId}/kpis?asOf=yyyy-MM-dd: every KPI of the client as of the day. */
    @GetMapping("/clients/{clientId}/kpis")
    KpiResponses.Current client(@PathVariable("clientId") String clientId,
                                @RequestParam(name = "asOf", required = false) String asOf) {
        return current(scopes.client(clientId), asOf);
    }

    /** GET /api/v1/clients/{clientId}/kpis/daily?from&to (yyyy-MM-dd): the client's daily rows. */
    @GetMapping("/clients/{clientId}/kpis/daily")
    KpiResponses.DailySeries clientDaily(@PathVariable("clientId") String clientId,
                                         @RequestParam(name = "from", required = false) String from,
                                         @RequestParam(name = "to", required = false) String to) {
        return daily(scopes.client(clientId), from, to);
    }

    /** GET /api/v1/clients/{clientId}/kpis/monthly?from&to (yyyy-MM): the client's monthly rows. */
    @GetMapping("/clients/{clientId}/kpis/monthly")
    KpiResponses.MonthlySeries clientMonthly(@PathVariable("clientId") String clientId,
                                             @RequestParam(name = "from", required = false) String from,
                                             @RequestParam(name = "to", required = false) String to) {
        return monthly(scopes.client(clientId), from, to);
    }

    /** GET /api/v1/clients/{clientId}/kpis/cohorts: the client's recovery per placement cohort. */
    @GetMapping("/clients/{clientId}/kpis/cohorts")
    KpiResponses.CohortSeries clientCohorts(@PathVariable("clientId") String clientId) {
        return report.cohortSeries(scopes.client(clientId));
    }

    /** GET /api/v1/groups/{groupId}/kpis?asOf=yyyy-MM-dd: every KPI of the group as of the day. */
    @GetMapping("/groups/{groupId}/kpis")
    KpiResponses.Current group(@PathVariable("groupId") String groupId,
                               @RequestParam(name = "asOf", required = false) String asOf) {
        return current(scopes.group(groupId), asOf);
    }

    /** GET /api/v1/groups/{groupId}/kpis/daily?from&to (yyyy-MM-dd): the group's daily rows. */
    @GetMapping("/groups/{groupId}/kpis/daily")
    KpiResponses.DailySeries groupDaily(@PathVariable("groupId") String groupId,
                                        @RequestParam(name = "from", required = false) String from,
                                        @RequestParam(name = "to", required = false) String to) {
        return daily(scopes.group(groupId), from, to);
    }

    /** GET /api/v1/groups/{groupId}/kpis/monthly?from&to (yyyy-MM): the group's monthly rows. */
    @GetMapping("/groups/{groupId}/kpis/monthly")
    KpiResponses.MonthlySeries groupMonthly(@PathVariable("groupId") String groupId,
                                            @RequestParam(name = "from", required = false) String from,
                                            @RequestParam(name = "to", required = false) String to) {
        return monthly(scopes.group(groupId), from, to);
    }

    /** GET /api/v1/groups/{groupId}/kpis/cohorts: the group's recovery per placement cohort. */
    @GetMapping("/groups/{groupId}/kpis/cohorts")
    KpiResponses.CohortSeries groupCohorts(@PathVariable("groupId") String groupId) {
        return report.cohortSeries(scopes.group(groupId));
    }

    /** GET /api/v1/agency/kpis?asOf=yyyy-MM-dd: every KPI of all clients together as of the day. */
    @GetMapping("/agency/kpis")
    KpiResponses.Current agency(@RequestParam(name = "asOf", required = false) String asOf) {
        return current(scopes.agency(), asOf);
    }

    /** GET /api/v1/agency/kpis/daily?from&to (yyyy-MM-dd): all clients' daily rows, summed. */
    @GetMapping("/agency/kpis/daily")
    KpiResponses.DailySeries agencyDaily(@RequestParam(name = "from", required = false) String from,
                                         @RequestParam(name = "to", required = false) String to) {
        return daily(scopes.agency(), from, to);
    }

    /** GET /api/v1/agency/kpis/monthly?from&to (yyyy-MM): all clients' monthly rows, summed. */
    @GetMapping("/agency/kpis/monthly")
    KpiResponses.MonthlySeries agencyMonthly(@RequestParam(name = "from", required = false) String from,
                                             @RequestParam(name = "to", required = false) String to) {
        return monthly(scopes.agency(), from, to);
    }

    /** GET /api/v1/agency/kpis/cohorts: all clients' recovery per placement cohort, summed. */
    @GetMapping("/agency/kpis/cohorts")
    KpiResponses.CohortSeries agencyCohorts() {
        return report.cohortSeries(scopes.agency());
    }

    private KpiResponses.Current current(Scope scope, String asOf) {
        return report.current(scope, DateParameter.parse("asOf", asOf, report.today()));
    }

    private KpiResponses.DailySeries daily(Scope scope, String from, String to) {
        return report.daily(scope, RangeParameters.days(from, to, report.today()));
    }

    private KpiResponses.MonthlySeries monthly(Scope scope, String from, String to) {
        return report.monthly(scope, RangeParameters.months(from, to, report.today()));
    }
}
