/*
 * Stand-ins for the parts of two Elasticsearch modules that the portal uses and that are not
 * published on Maven Central (only the server and transport-netty4 are):
 *
 * - analysis-common: the `cjk_width` and `cjk_bigram` token filters and the `whitespace`
 *   analyzer, built on the same Lucene classes that module wraps;
 * - rest-root: `GET /` and `HEAD /` (the clients' info() and ping()).
 *
 * The REST hook's signature differs between Elasticsearch 8 and 9, so the module's plugin
 * class is PortalNodePlugin in src-8/ or src-9/, a subclass that only registers rootHandler().
 * Loaded as the module `portal-compat` by scripts/services/elasticsearch.sh; never used in
 * production, where a real distribution carries the real modules.
 */
package portal.esnode;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.elasticsearch.Build;
import org.elasticsearch.cluster.ClusterName;
import org.elasticsearch.common.bytes.BytesArray;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.index.IndexSettings;
import org.elasticsearch.index.IndexVersion;
import org.elasticsearch.index.analysis.PreBuiltAnalyzerProviderFactory;
import org.elasticsearch.index.analysis.PreConfiguredTokenFilter;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.indices.analysis.PreBuiltCacheFactory.CachingStrategy;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.ActionPlugin;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.rest.BaseRestHandler;
import org.elasticsearch.rest.RestHandler;
import org.elasticsearch.rest.RestRequest;
import org.elasticsearch.rest.RestResponse;
import org.elasticsearch.rest.RestStatus;
import org.elasticsearch.xcontent.XContentBuilder;

import java.util.List;
import java.util.Map;

public abstract class PortalCompatPlugin extends Plugin implements AnalysisPlugin, ActionPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of("cjk_bigram", CjkBigramFilterFactory::new);
    }

    @Override
    public List<PreConfiguredTokenFilter> getPreConfiguredTokenFilters() {
        return List.of(PreConfiguredTokenFilter.singleton("cjk_width", true, CJKWidthFilter::new));
    }

    @Override
    public List<PreBuiltAnalyzerProviderFactory> getPreBuiltAnalyzerProviderFactories() {
        return List.of(new PreBuiltAnalyzerProviderFactory("whitespace", CachingStrategy.LUCENE, WhitespaceAnalyzer::new));
    }

    /** `GET /` and `HEAD /` for the node these settings describe. */
    protected static RestHandler rootHandler(Settings settings) {
        return new RootHandler(Node.NODE_NAME_SETTING.get(settings), ClusterName.CLUSTER_NAME_SETTING.get(settings).value());
    }

    /** `cjk_bigram` with its `output_unigrams` option; bigrams of all four CJK scripts, as the module's default. */
    static final class CjkBigramFilterFactory implements TokenFilterFactory {
        private final String name;
        private final boolean outputUnigrams;

        CjkBigramFilterFactory(IndexSettings indexSettings, Environment environment, String name, Settings settings) {
            this.name = name;
            outputUnigrams = settings.getAsBoolean("output_unigrams", false);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            int scripts = CJKBigramFilter.HAN | CJKBigramFilter.HIRAGANA | CJKBigramFilter.KATAKANA | CJKBigramFilter.HANGUL;
            return new CJKBigramFilter(tokenStream, scripts, outputUnigrams);
        }
    }

    /** The node's name, cluster and version on `GET /`; 200 on `HEAD /`. */
    static final class RootHandler extends BaseRestHandler {
        private final String nodeName;
        private final String clusterName;

        RootHandler(String nodeName, String clusterName) {
            this.nodeName = nodeName;
            this.clusterName = clusterName;
        }

        @Override
        public String getName() {
            return "portal_root_action";
        }

        @Override
        public List<Route> routes() {
            return List.of(new Route(RestRequest.Method.GET, "/"), new Route(RestRequest.Method.HEAD, "/"));
        }

        @Override
        protected RestChannelConsumer prepareRequest(RestRequest request, org.elasticsearch.client.internal.node.NodeClient client) {
            return channel -> {
                if (request.method() == RestRequest.Method.HEAD) {
                    channel.sendResponse(new RestResponse(RestStatus.OK, RestResponse.TEXT_CONTENT_TYPE, BytesArray.EMPTY));
                    return;
                }
                XContentBuilder builder = channel.newBuilder();
                builder.startObject()
                    .field("name", nodeName)
                    .field("cluster_name", clusterName)
                    .startObject("version")
                    .field("number", Build.current().qualifiedVersion())
                    .field("build_flavor", Build.current().flavor())
                    .field("build_hash", Build.current().hash())
                    .field("lucene_version", IndexVersion.current().luceneVersion().toString())
                    .endObject()
                    .field("tagline", "You Know, for Search")
                    .endObject();
                channel.sendResponse(new RestResponse(RestStatus.OK, builder));
            };
        }
    }
}
