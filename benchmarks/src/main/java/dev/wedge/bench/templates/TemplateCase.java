package dev.wedge.bench.templates;

import dev.wedge.host.app.AppConfig;
import dev.wedge.host.dictionary.Dictionary;
import dev.wedge.host.dictionary.DictionaryCapability;
import dev.wedge.host.http.AppRequest;
import dev.wedge.host.http.Headers;
import dev.wedge.host.limits.Limits;
import dev.wedge.host.outbound.OutboundCapability;
import dev.wedge.host.secrets.Secrets;
import dev.wedge.host.secrets.SecretsCapability;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** A template as the benchmark runs it: its module, its settings, one fixed request, and its Java floor. */
public enum TemplateCase {
    WORD_PREDICT("word-predict", AppConfig.named("word-predict"),
            () -> get("/?q=the+united", Headers.of("host", "bench.local")), WordPredictFloor::new),
    IMAGE_CLASSIFY("image-classify", AppConfig.named("image-classify"),
            () -> AppRequest.of("POST", "/", Headers.of("host", "bench.local", "content-type",
                    "image/x-portable-graymap"), resource("/templates/image-classify/test-0.pgm")),
            ImageClassifyFloor::new),
    /** The fixture's token of apps/templates/jwt-check/jwt-check.test.json: alice, expires in 2100. */
    JWT_CHECK("jwt-check", AppConfig.named("jwt-check")
            .with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("JWT_SECRET", "s3cret"))),
            () -> get("/", Headers.of("host", "bench.local", "authorization", "Bearer "
                    + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSIsImV4cCI6NDEwMjQ0NDgwMH0"
                    + ".qRlbyNdlm8NKK6qruixbCq_HGTQfHHpTaGzC9JqMqVM")),
            () -> JwtFloor.hs256("s3cret")),
    /** The same with an RS256 token signed by a 2048-bit key made once per JVM, its PEM in JWT_PUBLIC_KEY. */
    JWT_CHECK_RS256("jwt-check-rs256", "jwt-check", AppConfig.named("jwt-check").with(DictionaryCapability.SETTINGS,
            new Dictionary(Map.of("JWT_PUBLIC_KEY", Rs256Token.INSTANCE.pem()))),
            () -> get("/", Headers.of("host", "bench.local", "authorization", "Bearer " + Rs256Token.INSTANCE.token())),
            () -> JwtFloor.rs256(Rs256Token.INSTANCE.publicKey())),
    HELLO_PAGE("hello-page", new AppConfig("hello-page", null, Map.of("GREETING", "Hello & welcome"),
            Limits.DEFAULT), () -> get("/docs/index.html", Headers.of("host", "bench.local")),
            () -> new HelloPageFloor("Hello & welcome")),
    /** The fixture's key, sent right: 200 "access granted". */
    API_KEY("api-key", AppConfig.named("api-key").with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("API_KEY",
            "k1-bench-key"))), () -> get("/reports", Headers.of("host", "bench.local", "x-api-key", "k1-bench-key")),
            () -> GateFloors.apiKey("k1-bench-key")),
    /** A client the node locates in Germany, listed in COUNTRY_URLS: 302 to the German site. */
    GEO_REDIRECT("geo-redirect", new AppConfig("geo-redirect", null, GeoRedirect.SETTINGS, Limits.DEFAULT),
            () -> get("/", Headers.of("host", "bench.local")), () -> GateFloors.geoRedirect(GeoRedirect.SETTINGS)) {
        @Override
        public int status() {
            return 302;
        }

        @Override
        public Map<String, String> located() {
            return Map.of("geoip-country-code", "DE");
        }
    },
    /** A file named by the path's last segment (with a space): 302 to its presigned S3 URL, signed here. */
    S3_DOWNLOAD("s3-download", new AppConfig("s3-download", null, S3.SETTINGS, Limits.DEFAULT)
            .with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("S3_SECRET_ACCESS_KEY", S3.SECRET_KEY))),
            () -> get("/files/report%20q3.pdf", Headers.of("host", "bench.local")),
            () -> S3Floors.download(S3.SETTINGS, S3.SECRET_KEY)) {
        @Override
        public int status() {
            return 302;
        }
    },
    /** A client under its window's limit (set out of reach): "ok N/LIMIT", counted in the PoP's memory cache. */
    RATE_LIMIT("rate-limit", new AppConfig("rate-limit", null, Map.of("LIMIT", "2000000000", "WINDOW", "60"),
            Limits.DEFAULT), () -> get("/", Headers.of("host", "bench.local")),
            () -> GateFloors.rateLimit(Map.of("LIMIT", "2000000000", "WINDOW", "60"))),
    /** Fetches a Markdown document (a template README) from a loopback origin and renders it. */
    MARKDOWN_RENDER("markdown-render", () -> TemplateOrigin.serving("text/markdown; charset=utf-8",
            resource("/templates/markdown-render/README.md")), fetching("markdown-render"),
            origin -> get("/guide.md", Headers.of("host", "bench.local")), MarkdownRenderFloor::new),
    /** Fetches a 1024 x 768 JPEG from a loopback origin and answers it 200 pixels wide, a JPEG again. */
    IMAGE_RESIZE("image-resize", () -> TemplateOrigin.serving("image/jpeg", ImageResizeFloor.samplePhoto()),
            fetching("image-resize"), origin -> get("/photo.jpg?width=200", Headers.of("host",
                    "bench.local")), ImageResizeFloor::new),
    /** The same answered as a WebP (the floor is the JPEG one: the JDK has no WebP encoder). */
    IMAGE_RESIZE_WEBP("image-resize-webp", "image-resize", () -> TemplateOrigin.serving("image/jpeg",
            ImageResizeFloor.samplePhoto()), fetching("image-resize"), origin -> get(
                    "/photo.jpg?width=200&format=webp", Headers.of("host", "bench.local")), ImageResizeFloor::new),
    /**
     * The same photo as a 1024 x 768 WebP (see {@link #remake}) answered 200 pixels wide as a JPEG. No Java floor:
     * the JDK has no WebP decoder; run it with {@code -p engine=chicory,wasmtime}.
     */
    IMAGE_RESIZE_WEBP_IN("image-resize-webp-in", "image-resize", () -> TemplateOrigin.serving("image/jpeg",
            ImageResizeFloor.samplePhoto()), fetching("image-resize"), origin -> get(
                    "/photo.webp?width=200&format=jpeg", Headers.of("host", "bench.local")), origin -> request -> {
                        throw new UnsupportedOperationException("the JDK cannot decode WebP: no Java floor");
                    }),
    /** Fetches a page (the catalog of body-rewrite's case, 4.6 KB) of a loopback origin for the client. */
    ANON_PROXY("anon-proxy", () -> TemplateOrigin.serving("text/html; charset=utf-8", CdnCase.catalogPage()
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)), reaching("anon-proxy", origin -> Map.of()),
            origin -> get("/?url=" + origin.url() + "/catalog.html", Headers.of("host", "bench.local",
                    "referer", "https://forum.example/thread", "accept", "text/html")), GateFloors::anonProxy),
    /** Stores a 4 KB text (PUT) in a bucket of a loopback origin answering as S3 does: 200 and an ETag. */
    S3_UPLOAD("s3-upload", () -> TemplateOrigin.serving("application/xml", new byte[0], "etag",
            "\"5d41402abc4b2a76b9719d911017c592\""), origin -> reaching("s3-upload", S3::at).apply(origin)
                    .with(SecretsCapability.SETTINGS, Secrets.plain(Map.of("S3_SECRET_ACCESS_KEY", S3.SECRET_KEY))),
            origin -> AppRequest.of("PUT", "/upload/notes.txt", Headers.of("host", "bench.local", "content-type",
                    "text/plain"), "twelve bytes".repeat(341).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            origin -> S3Floors.upload(S3.at(origin), S3.SECRET_KEY, origin)) {
        @Override
        public int status() {
            return 201;
        }
    };

    /** The name {@code -p template=...} spells: the module's, or the module's and a variant. */
    private final String name;

    private final String module;
    /** Starts a loopback origin, for a template that fetches or stores; null for one that does not. */
    private final Supplier<TemplateOrigin> origin;

    private final Function<TemplateOrigin, AppConfig> config;
    private final Function<TemplateOrigin, AppRequest> request;
    private final Function<TemplateOrigin, JavaFloor> floor;

    TemplateCase(String module, AppConfig config, Supplier<AppRequest> request, Supplier<JavaFloor> floor) {
        this(module, module, config, request, floor);
    }

    TemplateCase(String name, String module, AppConfig config, Supplier<AppRequest> request,
            Supplier<JavaFloor> floor) {
        this(name, module, null, origin -> config, origin -> request.get(), origin -> floor.get());
    }

    TemplateCase(String module, Supplier<TemplateOrigin> origin, Function<TemplateOrigin, AppConfig> config,
            Function<TemplateOrigin, AppRequest> request, Function<TemplateOrigin, JavaFloor> floor) {
        this(module, module, origin, config, request, floor);
    }

    TemplateCase(String name, String module, Supplier<TemplateOrigin> origin,
            Function<TemplateOrigin, AppConfig> config, Function<TemplateOrigin, AppRequest> request,
            Function<TemplateOrigin, JavaFloor> floor) {
        this.name = name;
        this.module = module;
        this.origin = origin;
        this.config = config;
        this.request = request;
        this.floor = floor;
    }

    /** The case of a template's name, as {@code -p template=...} spells it. */
    public static TemplateCase named(String template) {
        for (TemplateCase c : values()) {
            if (c.name.equals(template)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no benchmark case for template " + template);
    }

    /** The module's name: apps/templates/NAME/NAME.wasm, copied into the jar's guests/ (benchmarks/pom.xml). */
    public String module() {
        return module;
    }

    /** The status the module answers this case's request with. */
    public int status() {
        return 200;
    }

    /** Where the node locates the client ({@link Located}); nowhere unless a case says. */
    public Map<String, String> located() {
        return Map.of();
    }

    /** A loopback origin for the template to fetch from or store into, or null when it calls out to nothing. */
    public TemplateOrigin startOrigin() {
        return origin == null ? null : origin.get();
    }

    /**
     * Whether the module's body must equal the floor's: not for markdown-render and the image-resize cases, whose
     * floors render or encode with other libraries (commonmark-java, ImageIO); only their status is checked.
     */
    public boolean sameBody() {
        return this != MARKDOWN_RENDER && !module.equals("image-resize");
    }

    /**
     * For a case whose origin serves what the module itself makes of the document (a WebP, which Java cannot
     * write): the request that makes it and the type to serve it as; null for the others.
     */
    public Map.Entry<AppRequest, String> remake() {
        return this == IMAGE_RESIZE_WEBP_IN
                ? Map.entry(get("/photo.jpg?format=webp&quality=80", Headers.of("host", "bench.local")), "image/webp")
                : null;
    }

    public AppConfig config(TemplateOrigin origin) {
        return config.apply(origin);
    }

    public AppRequest request(TemplateOrigin origin) {
        return request.apply(origin);
    }

    public JavaFloor floor(TemplateOrigin origin) {
        return floor.apply(origin);
    }

    /** The settings of a template that fetches BASE + path: BASE is the origin. */
    private static Function<TemplateOrigin, AppConfig> fetching(String module) {
        return reaching(module, origin -> Map.of("BASE", origin.url()));
    }

    /** The settings of a template that calls out to the origin, which it may reach (loopback is private). */
    private static Function<TemplateOrigin, AppConfig> reaching(String module,
            Function<TemplateOrigin, Map<String, String>> env) {
        return origin -> new AppConfig(module, null, env.apply(origin), Limits.DEFAULT)
                .with(OutboundCapability.SETTINGS, TemplateOrigin.loopbackAllowed());
    }

    private static AppRequest get(String target, Headers headers) {
        return AppRequest.of("GET", target, headers, new byte[0]);
    }

    static byte[] resource(String name) {
        try (InputStream in = TemplateCase.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + "; see benchmarks/pom.xml");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** geo-redirect's settings: the fixture's list (codes in any case, spaces around entries) and DEFAULT. */
    private static final class GeoRedirect {
        static final Map<String, String> SETTINGS = Map.of("COUNTRY_URLS",
                "fr=https://example.fr/, AT = https://example.at/, DE=https://example.de/", "DEFAULT",
                "https://example.com/");
    }

    /** The s3 templates' bucket: AWS's documentation example credentials, a bucket in Frankfurt. */
    private static final class S3 {
        static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
        static final Map<String, String> SETTINGS = Map.of("S3_ENDPOINT", "https://s3.eu-central-1.amazonaws.com",
                "S3_BUCKET", "bench-files", "S3_REGION", "eu-central-1", "S3_ACCESS_KEY_ID", "AKIAIOSFODNN7EXAMPLE",
                "KEY_PREFIX", "downloads/");

        /** The same bucket on a loopback origin (s3-upload stores into it). */
        static Map<String, String> at(TemplateOrigin origin) {
            Map<String, String> settings = new java.util.HashMap<>(SETTINGS);
            settings.put("S3_ENDPOINT", origin.url());
            settings.put("KEY_PREFIX", "uploads/");
            return Map.copyOf(settings);
        }
    }
}
