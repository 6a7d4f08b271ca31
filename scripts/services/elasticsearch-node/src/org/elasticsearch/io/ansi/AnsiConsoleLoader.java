/*
 * Console loader of the Elasticsearch node in scripts/services/elasticsearch.sh.
 *
 * The server loads this class by name from lib/tools/ansi-console to colour its terminal
 * output; the distribution's jar (over jansi) is not on Maven Central. The node runs in the
 * background without a terminal, where that jar supplies no console either: neither does this.
 */
package org.elasticsearch.io.ansi;

import org.elasticsearch.bootstrap.ConsoleLoader.Console;

import java.util.function.Supplier;

public final class AnsiConsoleLoader implements Supplier<Console> {
    @Override
    public Console get() {
        return null;
    }
}
