package cl.cobranza.connectors.demo;

import java.util.List;

/** A client company (pyme) of the demo, with the database its ERP keeps. */
public record DemoClient(String clientId, String name, String rut, String database) {

    /** The three demo clients of the local stack. RUTs are valid (mod-11 check digit). */
    public static List<DemoClient> defaults() {
        return List.of(
                new DemoClient("ferreteria-los-andes", "Ferretería Los Andes SpA", "76.543.210-3", "erp_ferreteria"),
                new DemoClient("panaderia-el-trigal", "Panadería El Trigal Ltda.", "77.123.456-9", "erp_panaderia"),
                new DemoClient("transportes-austral", "Transportes Austral S.A.", "96.555.444-0", "erp_transportes"));
    }
}
