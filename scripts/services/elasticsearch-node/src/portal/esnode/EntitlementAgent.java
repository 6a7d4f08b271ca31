/*
 * Attach-time agent of the Elasticsearch node in scripts/services/elasticsearch.sh.
 *
 * The server's entitlement bootstrap attaches the one jar it finds in lib/entitlement-agent
 * and expects it to hand the JVM's Instrumentation to its own initialisation class. The
 * distribution ships such a jar; Maven Central does not, so this one is built from here.
 */
package portal.esnode;

import java.lang.instrument.Instrumentation;

public final class EntitlementAgent {
    private static final String INITIALIZATION = "org.elasticsearch.entitlement.initialization.EntitlementInitialization";

    private EntitlementAgent() {}

    public static void agentmain(String arguments, Instrumentation instrumentation) throws ReflectiveOperationException {
        Class.forName(INITIALIZATION).getMethod("initialize", Instrumentation.class).invoke(null, instrumentation);
    }
}
