package cl.cobranza.connectors.demo;

import cl.cobranza.core.rut.Rut;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.random.RandomGenerator;

import static cl.cobranza.connectors.demo.DemoRandom.pick;

/**
 * Plausible Chilean debtors for the demo: valid RUTs (companies 76–77 million, people 5–25 million), company
 * names in the usual forms (SpA, Ltda., S.A., E.I.R.L., "y Cía."), people with given names and two
 * apellidos, and e-mail addresses derived from them.
 */
final class ChileanNames {
    /** Companies registered since the 2010s have RUTs from 76.000.000; people's RUTs grow with their age. */
    static final int COMPANY_RUT_MIN = 76_000_000;
    static final int COMPANY_RUT_MAX = 77_999_999;
    static final int PERSON_RUT_MIN = 5_000_000;
    static final int PERSON_RUT_MAX = 25_000_000;

    private static final String[] TRADES = {"Comercial", "Distribuidora", "Importadora", "Transportes", "Constructora",
            "Ferretería", "Agrícola", "Servicios", "Inmobiliaria", "Maderas", "Ingeniería", "Comercializadora",
            "Logística", "Frigorífico", "Maestranza", "Textil", "Automotriz", "Gastronómica", "Climatización",
            "Panificadora", "Exportadora", "Vinos", "Eléctrica", "Librería", "Minimarket", "Botillería", "Imprenta"};
    private static final String[] PLACES = {"Los Aromos", "El Roble", "Las Acacias", "Los Boldos", "Santa Elena",
            "San Pedro", "Del Maule", "Bío Bío", "Aconcagua", "La Frontera", "Cordillera", "Del Elqui", "Los Andes",
            "Llanquihue", "Chiloé", "Atacama", "Rapel", "Los Lagos", "Maipo", "Quillota", "Colchagua", "Limarí",
            "Cachapoal", "Valdivia", "Las Vertientes", "El Bosque", "Los Quillayes", "Los Espinos", "El Peumo",
            "Los Maitenes", "Las Lumas", "Pangui", "Tierra Amarilla", "Puerto Varas", "Angol", "Curicó", "Ñuble",
            "La Ligua", "San Vicente", "Tongoy"};
    private static final String[] FANCY = {"Austral", "Andina", "del Pacífico", "Nortina", "del Sur", "Central",
            "Patagonia", "Altiplano", "Costa Brava", "Alto Horizonte", "Sol de Chile", "Nueva Era", "Cruz del Sur",
            "Tres Volcanes", "Mar Azul", "Puerto Claro"};
    private static final String[] SURNAMES = {"González", "Muñoz", "Rojas", "Díaz", "Pérez", "Soto", "Contreras",
            "Silva", "Martínez", "Sepúlveda", "Morales", "Rodríguez", "López", "Araya", "Fuentes", "Hernández",
            "Torres", "Espinoza", "Flores", "Castillo", "Valenzuela", "Ramírez", "Reyes", "Gutiérrez", "Castro",
            "Vargas", "Álvarez", "Vásquez", "Tapia", "Fernández", "Sánchez", "Carrasco", "Gómez", "Cortés",
            "Herrera", "Núñez", "Jara", "Vergara", "Rivera", "Figueroa", "Riquelme", "García", "Miranda", "Bravo",
            "Vera", "Molina", "Vega", "Campos", "Sandoval", "Orellana", "Cárdenas", "Olivares", "Alarcón",
            "Gallardo", "Ortiz", "Garrido", "Salazar", "Guzmán", "Henríquez", "Saavedra", "Navarro", "Aguilera",
            "Parra", "Romero", "Aravena", "Vidal", "Pizarro", "Godoy", "Peña", "Cáceres", "Leiva", "Escobar",
            "Yáñez", "Valdés", "Salinas", "Zúñiga", "Pino", "Ibarra", "Poblete", "Lagos", "Acuña", "Bustos",
            "Medina", "Quiroz", "Palma", "Toro", "Ríos", "Jiménez", "Mella", "Cifuentes", "Troncoso", "Venegas"};
    private static final String[] MEN = {"José", "Juan", "Luis", "Carlos", "Jorge", "Manuel", "Francisco", "Pedro",
            "Cristián", "Rodrigo", "Sebastián", "Felipe", "Matías", "Diego", "Claudio", "Patricio", "Héctor",
            "Sergio", "Ricardo", "Alejandro", "Mauricio", "Gonzalo", "Andrés", "Víctor", "Hugo", "Nicolás",
            "Benjamín", "Ignacio", "Raúl", "Eduardo"};
    private static final String[] WOMEN = {"María", "Ana", "Carolina", "Francisca", "Camila", "Javiera",
            "Valentina", "Paula", "Daniela", "Claudia", "Patricia", "Marcela", "Verónica", "Constanza", "Catalina",
            "Fernanda", "Isabel", "Rosa", "Carmen", "Gloria", "Macarena", "Alejandra", "Soledad", "Pamela",
            "Loreto", "Ximena", "Paz", "Josefa", "Antonia", "Gabriela"};
    private static final String[] COMPANY_MAILBOXES = {"pagos", "contabilidad", "facturacion", "finanzas",
            "administracion", "tesoreria", "dte", "contacto", "proveedores"};
    private static final String[] PERSON_DOMAINS = {"gmail.com", "gmail.com", "gmail.com", "gmail.com", "hotmail.com",
            "hotmail.com", "outlook.com", "yahoo.es", "live.cl", "icloud.com"};

    /** Name, RUT in display form and e-mail (null when the clerk left it blank). */
    record Identity(String rut, String name, String email) {
    }

    private ChileanNames() {
    }

    /** A company debtor whose RUT is not in {@code usedRuts}; the RUT is added to it. */
    static Identity company(RandomGenerator r, Set<Integer> usedRuts) {
        String rut = uniqueRut(r, usedRuts, COMPANY_RUT_MIN, COMPANY_RUT_MAX);
        String surname = pick(r, SURNAMES);
        String name;
        String domain;
        switch (r.nextInt(9)) {
            case 0:
            case 1: {
                String place = pick(r, PLACES);
                name = pick(r, TRADES) + " " + place + " " + pick(r, new String[] {"SpA", "SpA", "Ltda.", "S.A."});
                domain = slug(place);
                break;
            }
            case 2: {
                String trade = pick(r, TRADES);
                name = trade + " " + surname + " y Cía. Ltda.";
                domain = slug(trade + surname);
                break;
            }
            case 3: {
                String other = pick(r, SURNAMES);
                name = surname + (other.equals(surname) ? " Hermanos" : " y " + other) + " Ltda.";
                domain = slug(surname + other);
                break;
            }
            case 4: {
                String trade = pick(r, TRADES);
                name = trade + " " + surname + " Hermanos Ltda.";
                domain = slug(trade + surname);
                break;
            }
            case 5: {
                String fancy = pick(r, FANCY);
                name = pick(r, TRADES) + " " + fancy + " SpA";
                domain = slug(fancy);
                break;
            }
            case 6: {
                String given = r.nextBoolean() ? pick(r, MEN) : pick(r, WOMEN);
                name = pick(r, TRADES) + " " + given + " " + surname + " E.I.R.L.";
                domain = slug(given.charAt(0) + surname);
                break;
            }
            case 7: {
                String place = pick(r, PLACES);
                name = "Sociedad " + pick(r, new String[] {"Agrícola", "Comercial", "de Inversiones", "de Transportes"})
                        + " " + place + " Ltda.";
                domain = slug(place);
                break;
            }
            default: {
                name = pick(r, new String[] {"Inversiones", "Inmobiliaria", "Constructora"}) + " " + surname
                        + " " + pick(r, new String[] {"SpA", "S.A.", "Ltda."});
                domain = slug(name.substring(0, name.indexOf(' ')) + surname);
                break;
            }
        }
        String email = r.nextInt(100) < 4 ? null
                : pick(r, COMPANY_MAILBOXES) + "@" + domain + (r.nextInt(5) == 0 ? ".com" : ".cl");
        return new Identity(rut, name, email);
    }

    /** A natural-person debtor (nombres and two apellidos) whose RUT is not in {@code usedRuts}. */
    static Identity person(RandomGenerator r, Set<Integer> usedRuts) {
        String rut = uniqueRut(r, usedRuts, PERSON_RUT_MIN, PERSON_RUT_MAX);
        String[] names = r.nextBoolean() ? MEN : WOMEN;
        String first = pick(r, names);
        String second = r.nextInt(10) < 4 ? pick(r, names) : null;
        if (first.equals(second)) {
            second = null;
        }
        String father = pick(r, SURNAMES);
        String mother = pick(r, SURNAMES);
        String name = first + (second == null ? "" : " " + second) + " " + father + " " + mother;
        String f = slug(first);
        String p = slug(father);
        String local;
        switch (r.nextInt(5)) {
            case 0:
                local = f.charAt(0) + p;
                break;
            case 1:
                local = f + "." + p;
                break;
            case 2:
                local = f.charAt(0) + p + slug(mother).charAt(0);
                break;
            case 3:
                local = f + p + (60 + r.nextInt(40));
                break;
            default:
                local = f + "." + p + "." + slug(mother);
                break;
        }
        String email = r.nextInt(100) < 8 ? null : local + "@" + pick(r, PERSON_DOMAINS);
        return new Identity(rut, name, email);
    }

    private static String uniqueRut(RandomGenerator r, Set<Integer> used, int min, int max) {
        while (true) {
            int body = min + r.nextInt(max - min + 1);
            if (used.add(body)) {
                return new Rut(body, Rut.checkDigitOf(body)).toString();
            }
        }
    }

    /** Lower-case ASCII letters and digits only: "Bío Bío" → "biobio", "Muñoz" → "munoz". */
    static String slug(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
