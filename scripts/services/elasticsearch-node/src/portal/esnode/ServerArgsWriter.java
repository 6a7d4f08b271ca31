/*
 * Writes the start-up arguments of the Elasticsearch node in scripts/services/elasticsearch.sh.
 *
 * The server's main class reads its settings from stdin in the binary form that the
 * distribution's launcher (server-cli, not on Maven Central) writes. This does the same
 * with the server's own classes: config/elasticsearch.yml plus path.home, an empty keystore,
 * daemon mode (stdin is not watched after start-up), no pid file (the script keeps its own).
 *
 * Usage: ServerArgsWriter <home> <config dir> <logs dir> <output file>
 */
package portal.esnode;

import org.elasticsearch.bootstrap.ServerArgs;
import org.elasticsearch.common.io.stream.OutputStreamStreamOutput;
import org.elasticsearch.common.settings.KeyStoreWrapper;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.InternalSettingsPreparer;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

public final class ServerArgsWriter {
    private ServerArgsWriter() {}

    public static void main(String[] arguments) throws Exception {
        if (arguments.length != 4) {
            throw new IllegalArgumentException("usage: ServerArgsWriter <home> <config dir> <logs dir> <output file>");
        }
        Path home = Path.of(arguments[0]).toAbsolutePath();
        Path config = Path.of(arguments[1]).toAbsolutePath();
        Path logs = Path.of(arguments[2]).toAbsolutePath();
        Settings input = Settings.builder().put(Environment.PATH_HOME_SETTING.getKey(), home.toString()).build();
        Environment environment = InternalSettingsPreparer.prepareEnvironment(input, Map.of(), config, () -> "portal-es");
        ServerArgs serverArgs = new ServerArgs(true, true, null, KeyStoreWrapper.create(), environment.settings(), config, logs);
        try (OutputStream file = Files.newOutputStream(Path.of(arguments[3]));
             OutputStreamStreamOutput out = new OutputStreamStreamOutput(file)) {
            serverArgs.writeTo(out);
        }
    }
}
