/*
 * The portal-compat module's plugin class for Elasticsearch 9: PortalCompatPlugin (in src/)
 * plus its `GET /` handler, registered through the 9.x REST hook.
 */
package portal.esnode;

import org.elasticsearch.cluster.node.DiscoveryNodes;
import org.elasticsearch.features.NodeFeature;
import org.elasticsearch.rest.RestHandler;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

public final class PortalNodePlugin extends PortalCompatPlugin {
    @Override
    public Collection<RestHandler> getRestHandlers(
        RestHandlersServices services,
        Supplier<DiscoveryNodes> nodesInCluster,
        Predicate<NodeFeature> clusterSupportsFeature
    ) {
        return List.of(rootHandler(services.settings()));
    }
}
