package cl.cobranza.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.Writer;

/**
 * Refusals that Tomcat makes before any of the API's code runs (a URL or headers beyond the 8 KiB limit, a
 * malformed request line) get the project's JSON error body instead of Tomcat's HTML page: field
 * {@code request}, and what to change.
 */
@Component
public class ContainerErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {
    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        // added after Spring Boot's own report valve, so it answers first and the other finds the report done
        factory.addContextCustomizers(context -> context.getParent().getPipeline().addValve(new JsonReport()));
    }

    /** Tomcat's error report as {@code {"field":"request","reason":…}}; never echoes the request or a stack trace. */
    static final class JsonReport extends ErrorReportValve {
        private static final ObjectMapper JSON = new ObjectMapper();

        JsonReport() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            String reason = status == 400
                    ? "la solicitud está mal formada o su URL o encabezados superan 8 KiB; acorte los filtros de la URL"
                    : "la solicitud no se pudo atender (HTTP " + status + ")";
            try {
                response.setContentType("application/json");
                response.setCharacterEncoding("UTF-8");
                Writer w = response.getReporter();
                if (w != null) {
                    w.write(JSON.writeValueAsString(new ApiError("request", reason)));
                    w.flush();
                }
            } catch (IOException | IllegalStateException e) {
                // the connection is gone or the response already started: nothing more to say
            }
        }
    }
}
