package org.factdesk.common.web;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The served document names this deployment's public URL as its server ({@code factdesk.publishing.base-url}, which
 * production requires), so a client generated from it calls the right host without being told; "/" made generators
 * produce clients with an empty base path. Runs at startup because the URL is deployment configuration, not build
 * input (the document stored at build time keeps no server).
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class OpenApiServers implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ConfigProvider.getConfig().getOptionalValue("factdesk.publishing.base-url", String.class)
                .map(String::strip).filter(url -> !url.isEmpty())
                .ifPresent(url -> openAPI.setServers(List.of(OASFactory.createServer()
                        .url(url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                        .description("This deployment"))));
    }
}
