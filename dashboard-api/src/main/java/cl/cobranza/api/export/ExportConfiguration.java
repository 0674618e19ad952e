package cl.cobranza.api.export;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverters;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the CSV and XLSX converters of {@link Tabular} bodies. They go after the default converters, so JSON
 * stays the answer to {@code Accept: *}{@code /*} and to requests without {@code ?format=}; the parameter itself is
 * mapped to their media types in application.properties ({@code spring.mvc.contentnegotiation.*}).
 */
@Configuration(proxyBeanMethods = false)
class ExportConfiguration implements WebMvcConfigurer {

    @Override
    public void configureMessageConverters(HttpMessageConverters.ServerBuilder builder) {
        // not addCustomConverter(): that puts them ahead of JSON, which would make CSV the default of a Tabular body
        builder.configureMessageConvertersList(converters -> {
            for (ExportFormat format : ExportFormat.values()) {
                converters.add(new TabularHttpMessageConverter(format));
            }
        });
    }
}
