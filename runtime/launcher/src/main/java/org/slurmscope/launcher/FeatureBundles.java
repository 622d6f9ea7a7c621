package org.slurmscope.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the Karaf feature repository that lists the product's bundles and resolves each {@code
 * mvn:group/artifact/version} to {@code artifact-version.jar} in the distribution's bundles folder.
 * Public for the wiring tests, which install the product exactly as the launcher does. Only the
 * subset of the feature format the repository uses is read: {@code <feature>} elements with {@code
 * <bundle start-level="N">} and nested {@code <feature>} references.
 */
public final class FeatureBundles {

  /** One bundle to install. */
  public record BundleEntry(String location, Path file, int startLevel) {}

  private FeatureBundles() {}

  /**
   * Lists the bundles of a feature and the features it includes, each once, in document order.
   *
   * @throws IOException when the file cannot be read or is not a valid feature repository
   */
  public static List<BundleEntry> resolve(Path featuresXml, String featureName, Path bundlesDir)
      throws IOException {
    Map<String, Element> features = readFeatures(featuresXml);
    Map<String, BundleEntry> bundles = new LinkedHashMap<>();
    collect(features, featureName, bundlesDir, bundles, new ArrayList<>());
    return List.copyOf(bundles.values());
  }

  private static void collect(
      Map<String, Element> features,
      String name,
      Path bundlesDir,
      Map<String, BundleEntry> bundles,
      List<String> path)
      throws IOException {
    Element feature = features.get(name);
    if (feature == null) {
      throw new IOException("feature '" + name + "' is not defined in the feature repository");
    }
    if (path.contains(name)) {
      throw new IOException("features include each other in a cycle: " + path + " -> " + name);
    }
    path.add(name);
    NodeList children = feature.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (!(children.item(i) instanceof Element child)) {
        continue;
      }
      String text = child.getTextContent().strip();
      switch (child.getLocalName()) {
        case "feature" -> collect(features, text, bundlesDir, bundles, path);
        case "bundle" ->
            bundles.putIfAbsent(
                text, new BundleEntry(text, jarFor(text, bundlesDir), startLevel(child, text)));
        default -> {
          // Other elements (config, capability) are not used by this product.
        }
      }
    }
    path.remove(name);
  }

  /** Maps {@code mvn:group/artifact/version} to {@code bundlesDir/artifact-version.jar}. */
  static Path jarFor(String location, Path bundlesDir) throws IOException {
    if (!location.startsWith("mvn:")) {
      throw new IOException("bundle location '" + location + "' is not an mvn: URL");
    }
    String[] parts = location.substring(4).split("/");
    if (parts.length != 3 || parts[1].isBlank() || parts[2].isBlank()) {
      throw new IOException(
          "bundle location '" + location + "' is not of the form mvn:group/artifact/version");
    }
    return bundlesDir.resolve(parts[1] + "-" + parts[2] + ".jar");
  }

  private static int startLevel(Element bundle, String location) throws IOException {
    String value = bundle.getAttribute("start-level");
    if (value.isEmpty()) {
      return 2;
    }
    try {
      int level = Integer.parseInt(value);
      if (level >= 1) {
        return level;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IOException(
        "bundle " + location + " has an invalid start-level '" + value + "': use 1 or more");
  }

  private static Map<String, Element> readFeatures(Path featuresXml) throws IOException {
    Document document;
    try (InputStream in = Files.newInputStream(featuresXml)) {
      document = parser().parse(in);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("feature repository " + featuresXml + " is not valid XML", e);
    }
    Map<String, Element> features = new HashMap<>();
    NodeList children = document.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      Node child = children.item(i);
      if (child instanceof Element element && "feature".equals(element.getLocalName())) {
        features.put(element.getAttribute("name"), element);
      }
    }
    return features;
  }

  private static DocumentBuilder parser() throws ParserConfigurationException {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder();
  }
}
