package dev.wedge.bench.templates;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A CDN template (a proxy-wasm filter) as the benchmark runs it: its parameters, one request, the origin's canned
 * response, and its Java floor. The inputs are those of the template's fixtures (NAME.test.json) where one fits.
 */
public enum CdnCase {
    CACHE_CONTROL("cache-control", Map.of("RULES", "image/*=public, max-age=86400; text/html=no-cache",
            "DEFAULT", "max-age=60"), () -> get("/logo.png"),
            () -> origin(200, "PNG", "content-type", "image/png", "cache-control", "private"),
            HeaderFloors::cacheControl),
    CORS("cors", Map.of("ALLOWED_ORIGINS", "https://shop.example", "ALLOWED_METHODS", "GET, PUT"),
            () -> get("/cart", "origin", "https://shop.example"),
            () -> origin(200, "[]", "content-type", "application/json"), HeaderFloors::cors),
    HEADER_REWRITE("header-rewrite", Map.of("REQUEST_SET", "x-a: 1; x-b: two words", "REQUEST_ADD", "x-via: wedge",
            "REQUEST_REMOVE", "cookie, x-debug", "RESPONSE_SET", "cache-control: max-age=60; x-frame-options: DENY",
            "RESPONSE_ADD", "x-edge: wedge", "RESPONSE_REMOVE", "x-powered-by"),
            () -> get("/page", "cookie", "session=1", "x-debug", "on", "x-a", "old", "x-kept", "yes"),
            () -> origin(200, "page", "content-type", "text/plain", "x-powered-by", "php", "cache-control",
                    "no-cache"), HeaderFloors::headerRewrite),
    HARDEN_COOKIES("harden-cookies", Map.of(), () -> get("/login"), () -> origin(200, "<p>welcome</p>",
            "content-type", "text/html", "set-cookie", "sid=abc123; Path=/; SameSite=Lax"),
            HeaderFloors::hardenCookies),
    /** The origin answers 503: the filter answers its own page instead. */
    ERROR_PAGES("error-pages", Map.of("ERROR_PAGE", "<h1>Sorry ({status})</h1>", "ERROR_PAGE_404",
            "<h1>No such page</h1>"), () -> get("/busy"), () -> origin(503, "upstream connect error",
                    "retry-after", "120", "x-backend", "db-2"), HeaderFloors::errorPages),
    /** A visitor the node located in Japan, which is denied: the filter answers 403, the origin is not called. */
    GEO_BLOCK("geo-block", Map.of("COUNTRIES", "JP, US"), () -> get("/"), () -> origin(200, "welcome"),
            HeaderFloors::geoBlock),
    /** A returning visitor of variant B: its request goes to B's host name. */
    AB_SPLIT("ab-split", Map.of("B_HOST", "beta.shop.example"), () -> get("/cart?x=1", "cookie",
            "theme=dark; ab_variant=b"), () -> origin(200, "B"), HeaderFloors::abSplit),
    /** A link signed an hour ahead (the token is made when the request is). */
    DOWNLOAD_AUTH("download-auth", Map.of(), SignedUrls.SECRET, SignedUrls::download,
            () -> origin(200, "%PDF-1.7 report", "content-type", "application/pdf"), SignedFloors::downloadAuth),
    UPLOAD_AUTH("upload-auth", Map.of(), SignedUrls.SECRET, SignedUrls::upload,
            () -> origin(201, "stored\n", "content-type", "text/plain"), SignedFloors::uploadAuth),
    /** A 4.6 KB page with 40 links to rewrite. */
    BODY_REWRITE("body-rewrite", Map.of("REPLACE", "http://old.example=>https://new.example; Acme=>Acme Corp"),
            () -> get("/catalog.html", "accept-encoding", "gzip, br"),
            () -> origin(200, catalogPage(), "content-type", "text/html; charset=utf-8"),
            BodyFloors::bodyRewrite),
    /** The markdown-render template's README (2.9 KB) as the origin's Markdown. */
    MD2HTML("md2html", Map.of(), () -> get("/guide.md"), () -> new CannedOrigin(200, Headers.of("content-type",
            "text/markdown; charset=utf-8"), TemplateCase.resource("/templates/markdown-render/README.md")),
            BodyFloors::md2html),
    /** A 1024 x 768 JPEG made at setup, asked 200 pixels wide. */
    IMAGE_RESIZE_CDN("image-resize-cdn", Map.of(), () -> get("/photo.jpg?width=200"),
            () -> new CannedOrigin(200, Headers.of("content-type", "image/jpeg"), ImageResizeFloor.samplePhoto()),
            BodyFloors::imageResize),
    /** An AI agent asks for Markdown; the origin answers the markdown-render README as HTML (commonmark, 3.4 KB). */
    HTML2MD("html2md", Map.of(), () -> get("/guide.html", "accept", "text/markdown, text/html;q=0.5",
            "accept-encoding", "gzip"), () -> new CannedOrigin(200, Headers.of("content-type",
                    "text/html; charset=utf-8"), readmeAsHtml()), env -> new Html2MdFloor());

    private final String name;
    private final Map<String, String> env;
    /** The secret a template checks signatures with, or null. */
    private final String secret;
    private final Supplier<AppRequest> request;
    private final Supplier<CannedOrigin> origin;
    private final BiFunction<String, Map<String, String>, CdnFloor> floor;

    CdnCase(String name, Map<String, String> env, Supplier<AppRequest> request, Supplier<CannedOrigin> origin,
            Function<Map<String, String>, CdnFloor> floor) {
        this(name, env, null, request, origin, (secret, params) -> floor.apply(params));
    }

    CdnCase(String name, Map<String, String> env, String secret, Supplier<AppRequest> request,
            Supplier<CannedOrigin> origin, BiFunction<String, Map<String, String>, CdnFloor> floor) {
        this.name = name;
        this.env = env;
        this.secret = secret;
        this.request = request;
        this.origin = origin;
        this.floor = floor;
    }

    /** The case of a template's name, or null when the template is not a CDN case. */
    public static CdnCase find(String template) {
        for (CdnCase c : values()) {
            if (c.name.equals(template)) {
                return c;
            }
        }
        return null;
    }

    /**
     * Where the node locates every client ({@code geoip-*} headers, docs/config.md "geo"): in Japan for geo-block,
     * nowhere for the others.
     */
    public Map<String, String> located() {
        return this == GEO_BLOCK ? Map.of("geoip-country-code", "JP") : Map.of();
    }

    /** The module's name: apps/templates/NAME/NAME.wasm, copied into the jar's guests/ (benchmarks/pom.xml). */
    public String module() {
        return name;
    }

    /** The app's settings but its origin (the benchmark's host adds that): parameters in env, the secret. */
    public AppConfig config() {
        AppConfig config = new AppConfig(name, null, env, Limits.DEFAULT);
        return secret == null ? config : config.with(SecretsCapability.SETTINGS,
                Secrets.plain(Map.of(SignedUrls.SECRET_NAMES.get(name), secret)));
    }

    public AppRequest request() {
        return request.get();
    }

    public CannedOrigin origin() {
        return origin.get();
    }

    public CdnFloor floor() {
        return floor.apply(secret, env);
    }

    /**
     * Whether the bodies must be equal too: not for md2html, image-resize-cdn and html2md, whose floors render
     * with commonmark-java, ImageIO and jsoup; their bodies need only be of a like size (within a factor of two).
     */
    public boolean sameBody() {
        return this != MD2HTML && this != IMAGE_RESIZE_CDN && this != HTML2MD;
    }

    static AppRequest get(String target, String... headers) {
        Headers all = Headers.of(headers);
        all.add("host", "cdn.example");
        return AppRequest.of("GET", target, all, new byte[0]);
    }

    private static CannedOrigin origin(int status, String body, String... headers) {
        return new CannedOrigin(status, Headers.of(headers), body.getBytes(StandardCharsets.UTF_8));
    }

    /** A product page of 40 items, each linking to the old site: body-rewrite's input. */
    static String catalogPage() {
        StringBuilder page = new StringBuilder("<!doctype html>\n<html><head><title>Acme catalog</title></head><body>\n");
        for (int i = 1; i <= 40; i++) {
            page.append("<p><a href=\"http://old.example/items/").append(i).append("\">Acme item ").append(i)
                    .append("</a>: a fine thing, in stock.</p>\n");
        }
        return page.append("</body></html>\n").toString();
    }

    /** The markdown-render README as an HTML page (html2md's input), rendered by commonmark-java. */
    private static byte[] readmeAsHtml() {
        String markdown = new String(TemplateCase.resource("/templates/markdown-render/README.md"),
                StandardCharsets.UTF_8);
        String body = org.commonmark.renderer.html.HtmlRenderer.builder().build().render(
                org.commonmark.parser.Parser.builder().build().parse(markdown));
        return ("<!doctype html>\n<html><head><title>Guide</title><style>body{margin:2em}</style></head>\n<body>\n"
                + body + "</body></html>\n").getBytes(StandardCharsets.UTF_8);
    }
}
