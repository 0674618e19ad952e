package cl.cobranza.warehouse;

import java.util.Objects;

/** A client company (pyme) as listed in the warehouse's {@code clients} table. */
public record ClientInfo(String clientId, String name, String rut) {
    public ClientInfo {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rut, "rut");
    }
}
