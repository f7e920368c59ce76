package dev.wedge.deploy.template;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The templates a node offers (docs/templates.md): every folder of apps/templates, copied into the jar under
 * {@value #RESOURCE} by the verticles build, each with its manifest, README and module. Read once, blocking.
 */
public final class TemplateCatalog {

    static final String RESOURCE = "dev/wedge/shipped-templates"; // not dev/wedge/templates: a test package

    private final Map<String, Template> templates;

    private TemplateCatalog(Map<String, Template> templates) {
        this.templates = templates;
    }

    /** The templates shipped in the jar (or in target/classes when run from the build); none when there are none. */
    public static TemplateCatalog shipped() {
        URL url = TemplateCatalog.class.getClassLoader().getResource(RESOURCE);
        if (url == null) {
            return new TemplateCatalog(Map.of());
        }
        try {
            if (!url.getProtocol().equals("jar")) {
                return read(Path.of(url.toURI()));
            }
            // The jar's own file system, opened for this read only (or borrowed, when something else has it open).
            try (FileSystem jar = FileSystems.newFileSystem(url.toURI(), Map.of())) {
                return read(jar.provider().getPath(url.toURI()));
            } catch (FileSystemAlreadyExistsException open) {
                return read(Path.of(url.toURI()));
            }
        } catch (URISyntaxException | IOException e) {
            throw new TemplateException("cannot read the shipped templates at " + url + ": " + e.getMessage());
        }
    }

    /** The templates under {@code root}, one folder each; a malformed one fails the whole read, naming it. */
    public static TemplateCatalog read(Path root) {
        Map<String, Template> templates = new TreeMap<>();
        try (Stream<Path> folders = Files.list(root)) {
            for (Path folder : folders.filter(Files::isDirectory).toList()) {
                Template template = readOne(folder);
                templates.put(template.name(), template);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the templates in " + root, e);
        }
        return new TemplateCatalog(templates);
    }

    private static Template readOne(Path folder) throws IOException {
        String name = folder.getFileName().toString().replace("/", ""); // a folder of a jar may end with /
        Path manifestFile = folder.resolve("template.json");
        if (!Files.isRegularFile(manifestFile)) {
            throw new TemplateException("template " + name + " has no template.json");
        }
        TemplateManifest manifest = TemplateManifest.parse(name, Files.readString(manifestFile));
        Path module = folder.resolve(manifest.module());
        if (!module.normalize().startsWith(folder.normalize()) || !Files.isRegularFile(module)) {
            throw new TemplateException("template " + name + ": module " + manifest.module()
                    + " is not a file of its folder");
        }
        Path readme = folder.resolve("README.md");
        String readmeText = Files.isRegularFile(readme) ? Files.readString(readme, StandardCharsets.UTF_8) : "";
        return manifest.template(name, readmeText, Files.readAllBytes(module));
    }

    public Collection<Template> all() {
        return templates.values();
    }

    /** The template named so, or null. */
    public Template get(String name) {
        return templates.get(name);
    }
}
