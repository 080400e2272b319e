package io.dataflow.server.config;

import io.dataflow.engine.net.OutboundAllowList;
import org.springframework.core.env.Environment;

/**
 * Where tasks and webhooks may connect besides the public internet: {@code DATAFLOW_OUTBOUND_ALLOW}, the private
 * hosts, addresses and networks (each optionally with a port) an operator opens. A malformed entry stops the start
 * with a message naming it. ({@code DATAFLOW_ALLOW_PRIVATE_NETWORKS}, which opens every private address, stays in
 * {@link DataflowSettings}.)
 *
 * @param allowList the parsed entries; see {@link OutboundAllowList} for how each matches
 */
public record OutboundSettings(OutboundAllowList allowList) {

    public static OutboundSettings from(Environment env) {
        return new OutboundSettings(OutboundAllowList.parse(env.getProperty("DATAFLOW_OUTBOUND_ALLOW", "")));
    }
}
