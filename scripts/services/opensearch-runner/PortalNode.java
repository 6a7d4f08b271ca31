// One OpenSearch node of scripts/services/opensearch.sh, run as a single source file (java PortalNode.java …).
// It is codelibs' OpenSearchRunner main with two differences: the HTTP port is taken as given (the runner
// otherwise probes upwards and refuses ports above 9299), and the node's name and roles come from the
// system properties portal.node.name and portal.node.roles (the runner would name every node "Node 1"
// and make it cluster-manager-eligible, and its settings override opensearch.yml).
import java.util.Arrays;
import org.codelibs.opensearch.runner.OpenSearchRunner;

public class PortalNode {
    public static void main(String[] args) throws Exception {
        OpenSearchRunner runner = new OpenSearchRunner();
        runner.setMaxHttpPort(-1);
        String name = System.getProperty("portal.node.name");
        String roles = System.getProperty("portal.node.roles");
        runner.onBuild((index, settings) -> {
            if (name != null) settings.put("node.name", name);
            if (roles != null) settings.putList("node.roles", Arrays.asList(roles.split(",")));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try { runner.close(); } catch (Exception ignored) { }
        }));
        runner.build(args);
        while (!runner.isClosed()) Thread.sleep(5000);
    }
}
