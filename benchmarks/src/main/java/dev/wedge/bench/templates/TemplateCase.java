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
    /** Fetches a Markdown document (a template README) from a loopback origin and renders it. */
    MARKDOWN_RENDER("markdown-render", "text/markdown; charset=utf-8",
            () -> resource("/templates/markdown-render/README.md"), fetching("markdown-render"),
            () -> get("/guide.md", Headers.of("host", "bench.local")), MarkdownRenderFloor::new),
    /** Fetches a 1024 x 768 JPEG from a loopback origin and answers it 200 pixels wide, a JPEG again. */
    IMAGE_RESIZE("image-resize", "image/jpeg", ImageResizeFloor::samplePhoto, fetching("image-resize"),
            () -> get("/photo.jpg?width=200", Headers.of("host", "bench.local")), ImageResizeFloor::new);

    /** The name {@code -p template=...} spells: the module's, or the module's and a variant. */
    private final String name;

    private final String module;
    /** The document a loopback origin serves, for a template that fetches; null for one that does not. */
    private final Supplier<byte[]> document;

    private final String contentType;
    private final Function<TemplateOrigin, AppConfig> config;
    private final Supplier<AppRequest> request;
    private final Function<TemplateOrigin, JavaFloor> floor;

    TemplateCase(String module, AppConfig config, Supplier<AppRequest> request, Supplier<JavaFloor> floor) {
        this(module, module, config, request, floor);
    }

    TemplateCase(String name, String module, AppConfig config, Supplier<AppRequest> request,
            Supplier<JavaFloor> floor) {
        this(name, module, null, null, origin -> config, request, origin -> floor.get());
    }

    TemplateCase(String module, String contentType, Supplier<byte[]> document,
            Function<TemplateOrigin, AppConfig> config, Supplier<AppRequest> request,
            Function<TemplateOrigin, JavaFloor> floor) {
        this(module, module, contentType, document, config, request, floor);
    }

    TemplateCase(String name, String module, String contentType, Supplier<byte[]> document,
            Function<TemplateOrigin, AppConfig> config, Supplier<AppRequest> request,
            Function<TemplateOrigin, JavaFloor> floor) {
        this.name = name;
        this.module = module;
        this.contentType = contentType;
        this.document = document;
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

    /** A loopback origin serving the template's document, or null when the template fetches nothing. */
    public TemplateOrigin startOrigin() {
        return document == null ? null : TemplateOrigin.serving(contentType, document.get());
    }

    /**
     * Whether the module's body must equal the floor's: not for the templates that fetch, whose floors render or
     * encode with other libraries (commonmark-java, ImageIO); only their status is checked.
     */
    public boolean sameBody() {
        return document == null;
    }

    public AppConfig config(TemplateOrigin origin) {
        return config.apply(origin);
    }

    public AppRequest request() {
        return request.get();
    }

    public JavaFloor floor(TemplateOrigin origin) {
        return floor.apply(origin);
    }

    /** The settings of a template that fetches BASE + path: BASE is the origin, which it may reach. */
    private static Function<TemplateOrigin, AppConfig> fetching(String module) {
        return origin -> new AppConfig(module, null, Map.of("BASE", origin.url()), Limits.DEFAULT)
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
    }
}
