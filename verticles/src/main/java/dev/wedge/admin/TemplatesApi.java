package dev.wedge.admin;

import dev.wedge.deploy.AppControl;
import dev.wedge.deploy.DeployException;
import dev.wedge.deploy.template.Template;
import dev.wedge.deploy.template.TemplateCatalog;
import dev.wedge.deploy.template.TemplateDeploy;
import dev.wedge.server.BodyCollector;
import dev.wedge.server.Connections;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** The template endpoints (docs/templates.md): the catalog, and a deploy of a template as an app. */
final class TemplatesApi {

    /** A template deploy's body is a small JSON object: the module comes from the catalog. */
    private static final long MAX_BODY = 64 * 1024;

    private final TemplateCatalog catalog;
    private final AppControl control;
    private final BodyCollector bodies;
    private final Connections connections;

    TemplatesApi(TemplateCatalog catalog, AppControl control, BodyCollector bodies, Connections connections) {
        this.connections = connections;
        this.catalog = catalog;
        this.control = control;
        this.bodies = bodies;
    }

    /** Adds the routes; call after the token check is in place. */
    void mount(Router router) {
        router.get("/templates").handler(ctx -> {
            JsonArray list = new JsonArray();
            catalog.all().forEach(template -> list.add(template.summaryJson()));
            Replies.json(ctx.response(), 200, list.encode());
        });
        router.get("/templates/:template").handler(ctx -> {
            Template template = find(ctx);
            if (template != null) {
                Replies.json(ctx.response(), 200, template.toJson().encode());
            }
        });
        router.post("/templates/:template/deploy").handler(this::deploy);
    }

    private void deploy(RoutingContext ctx) {
        Template template = find(ctx);
        if (template == null) {
            return;
        }
        bodies.collect(ctx.request(), MAX_BODY).onSuccess(body -> {
            TemplateDeploy deploy;
            try {
                deploy = TemplateDeploy.of(template, new JsonObject(body));
            } catch (DecodeException | ClassCastException e) {
                Replies.error(ctx.response(), 400, "bad-json", "the body is not a JSON object: " + e.getMessage());
                return;
            } catch (DeployException refused) {
                Replies.error(ctx.response(), refused.status(), refused.code(), refused.getMessage());
                return;
            }
            AppsApi.change(ctx, 201, control.deploy(deploy.app(), deploy.request()));
        }).onFailure(failure -> Replies.refuseBody(connections, ctx.request(), failure, "body-too-large",
                " (a template deploy is a small JSON object)"));
    }

    private Template find(RoutingContext ctx) {
        Template template = catalog.get(ctx.pathParam("template"));
        if (template == null) {
            Replies.error(ctx.response(), 404, "no-such-template", "no template named '" + ctx.pathParam("template")
                    + "'; GET /templates lists them");
        }
        return template;
    }
}
