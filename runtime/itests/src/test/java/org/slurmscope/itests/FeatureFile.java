package org.slurmscope.itests;

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
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Reads the product's Karaf feature repository ({@code etc/features.xml} of the distribution) the
 * way the launcher does: the bundles of a feature and of the features it includes, each once, in
 * document order, with {@code mvn:group/artifact/version} mapped to {@code
 * bundles/artifact-version.jar} and start level 2 where none is given.
 */
final class FeatureFile {

  /** One bundle to install: its feature location, its jar and its start level. */
  record Bundle(String location, Path file, int startLevel) {}

  private static final int DEFAULT_START_LEVEL = 2;

  private FeatureFile() {}

  static List<Bundle> bundles(Path featuresXml, String featureName, Path bundlesDir)
      throws IOException {
    Map<String, Element> features = readFeatures(featuresXml);
    Map<String, Bundle> bundles = new LinkedHashMap<>();
    collect(features, featureName, bundlesDir, bundles, new ArrayList<>());
    return List.copyOf(bundles.values());
  }

  private static void collect(
      Map<String, Element> features,
      String name,
      Path bundlesDir,
      Map<String, Bundle> bundles,
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
      if ("feature".equals(child.getLocalName())) {
        collect(features, text, bundlesDir, bundles, path);
      } else if ("bundle".equals(child.getLocalName())) {
        bundles.putIfAbsent(
            text, new Bundle(text, jarFor(text, bundlesDir), startLevel(child, text)));
      }
    }
    path.remove(name);
  }

  private static Path jarFor(String location, Path bundlesDir) throws IOException {
    String[] parts = location.startsWith("mvn:") ? location.substring(4).split("/") : new String[0];
    if (parts.length != 3) {
      throw new IOException(
          "bundle location '" + location + "' is not of the form mvn:group/artifact/version");
    }
    return bundlesDir.resolve(parts[1] + "-" + parts[2] + ".jar");
  }

  private static int startLevel(Element bundle, String location) throws IOException {
    String value = bundle.getAttribute("start-level");
    if (value.isEmpty()) {
      return DEFAULT_START_LEVEL;
    }
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IOException("bundle " + location + " has an invalid start-level '" + value + "'");
    }
  }

  private static Map<String, Element> readFeatures(Path featuresXml) throws IOException {
    Document document;
    try (InputStream in = Files.newInputStream(featuresXml)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      document = factory.newDocumentBuilder().parse(in);
    } catch (SAXException | ParserConfigurationException e) {
      throw new IOException("feature repository " + featuresXml + " is not valid XML", e);
    }
    Map<String, Element> features = new HashMap<>();
    NodeList children = document.getDocumentElement().getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element element && "feature".equals(element.getLocalName())) {
        features.put(element.getAttribute("name"), element);
      }
    }
    return features;
  }
}
