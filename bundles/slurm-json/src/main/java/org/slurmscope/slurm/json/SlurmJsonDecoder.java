package org.slurmscope.slurm.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.Node;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.SlurmSourceException;
import org.slurmscope.slurm.json.SlurmDocument.Content;

/**
 * Decodes the JSON that Slurm's commands print with {@code --json} and slurmrestd returns, from
 * Slurm 21.08 (openapi v0.0.37) to 24.11 (data_parser v0.0.42), into the slurmscope model.
 *
 * <p>The document is read as a stream: only one job, node or partition at a time is held as a tree,
 * so a 100,000-job document never becomes one tree in memory. Top-level fields are recognised by
 * name wherever they appear ({@code meta} comes first up to 23.02 and last in 24.11): {@code jobs},
 * {@code nodes}, {@code partitions}, {@code sinfo}, {@code meta}, {@code errors} and {@code
 * warnings}. Unknown fields are skipped.
 *
 * <p>Decoding is lenient: a field of unexpected shape is left null, listed in the record's invalid
 * fields and reported as one warning naming the field, the record and the Slurm release. Unknown
 * state names are kept verbatim. Only output that is not JSON, and a document whose {@code errors}
 * list is not empty, fail as a whole.
 */
public final class SlurmJsonDecoder {

  /** Thread-safe once configured; used only to create parsers that can read trees. */
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private SlurmJsonDecoder() {}

  /**
   * Decodes one document read from {@code in}, which is closed afterwards.
   *
   * @param origin names where the document came from in messages, such as {@code squeue --json}
   * @throws SlurmSourceException when the input is empty or not a JSON object, or the document
   *     reports errors; the message names the origin
   * @throws IOException when reading the input fails
   */
  public static SlurmDocument decode(InputStream in, String origin)
      throws IOException, SlurmSourceException {
    return decode(in, origin, false);
  }

  /**
   * Decodes the output of {@code sinfo -N --json}, whose rows each hold one node of one partition,
   * as a node list even when {@code meta.command} does not show the {@code -N}.
   *
   * @see #decode(InputStream, String)
   */
  public static SlurmDocument decodeNodeRows(InputStream in, String origin)
      throws IOException, SlurmSourceException {
    return decode(in, origin, true);
  }

  private static SlurmDocument decode(InputStream in, String origin, boolean nodeRows)
      throws IOException, SlurmSourceException {
    try (JsonParser parser = MAPPER.createParser(in)) {
      return new DocumentReader(parser, origin, nodeRows).read();
    } catch (JsonProcessingException e) {
      throw new SlurmSourceException(
          origin
              + " returned output that is not valid JSON: "
              + e.getOriginalMessage()
              + at(e.getLocation()),
          e);
    }
  }

  private static String at(JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return "";
    }
    return " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
  }

  /** The state of decoding one document. */
  private static final class DocumentReader {
    private final JsonParser parser;
    private final String origin;
    private final boolean nodeRows;
    private final DecodeWarnings warnings = new DecodeWarnings();
    private final SinfoRows sinfoRows = new SinfoRows(warnings);
    private final Set<Content> contents = EnumSet.noneOf(Content.class);
    private final List<Job> jobs = new ArrayList<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<Partition> partitions = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private SlurmMeta meta = SlurmMeta.EMPTY;
    private String clusterOfRecords;
    private boolean hasSinfo;

    DocumentReader(JsonParser parser, String origin, boolean nodeRows) {
      this.parser = parser;
      this.origin = origin;
      this.nodeRows = nodeRows;
    }

    /** An action on one element of a top-level list. */
    private interface ElementReader {
      void read(JsonNode element, int index);
    }

    SlurmDocument read() throws IOException, SlurmSourceException {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new SlurmSourceException(
            origin + " returned no output; a JSON document was expected");
      }
      if (first != JsonToken.START_OBJECT) {
        JsonNode tree = parser.readValueAsTree();
        throw new SlurmSourceException(
            origin
                + " returned JSON that is not an object (found "
                + FieldProblem.describe(tree)
                + ")");
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        parser.nextToken();
        readField(field);
      }
      return finish();
    }

    private void readField(String field) throws IOException {
      switch (field) {
        case "meta" -> readMeta();
        case "jobs" -> readList(field, Content.JOBS, this::addJob);
        case "nodes" -> readList(field, Content.NODES, this::addNode);
        case "partitions" -> readList(field, Content.PARTITIONS, this::addPartition);
        case "sinfo" -> hasSinfo = readList(field, null, sinfoRows::add);
        case "errors" -> errors.addAll(messages(field));
        case "warnings" -> messages(field).forEach(warnings::fromSlurm);
        default -> parser.skipChildren();
      }
    }

    private void readMeta() throws IOException {
      JsonNode tree = parser.readValueAsTree();
      if (tree != null && tree.isObject()) {
        meta = SlurmMeta.read(tree);
      } else {
        warnings.structure("meta is not an object (found " + FieldProblem.describe(tree) + ")");
      }
    }

    /** Reads a list one element at a time; returns false when the field is not an array. */
    private boolean readList(String field, Content content, ElementReader reader)
        throws IOException {
      if (parser.currentToken() != JsonToken.START_ARRAY) {
        JsonNode tree = parser.readValueAsTree();
        warnings.structure(
            field + " is not a list (found " + FieldProblem.describe(tree) + "), so it is ignored");
        return false;
      }
      if (content != null) {
        contents.add(content);
      }
      int index = 0;
      for (JsonToken token = parser.nextToken();
          token != JsonToken.END_ARRAY;
          token = parser.nextToken()) {
        if (token == JsonToken.START_OBJECT) {
          reader.read(parser.readValueAsTree(), index);
        } else {
          parser.skipChildren();
          warnings.structure(field + "[" + index + "] is not an object, so it is ignored");
        }
        index++;
      }
      return true;
    }

    private void addJob(JsonNode element, int index) {
      Job job = JobDecoder.decode(element, index, warnings);
      if (job != null) {
        jobs.add(job);
      }
      if (clusterOfRecords == null) {
        clusterOfRecords = element.path("cluster").asText(null);
      }
    }

    private void addNode(JsonNode element, int index) {
      Node node = NodeDecoder.decode(element, index, warnings);
      if (node != null) {
        nodes.add(node);
      }
    }

    private void addPartition(JsonNode element, int index) {
      Partition partition = PartitionDecoder.decode(element, "partitions[" + index + "]", warnings);
      if (partition != null) {
        partitions.add(partition);
      }
    }

    /** Reads {@code errors} or {@code warnings}: objects with a description, or strings. */
    private List<String> messages(String field) throws IOException {
      JsonNode tree = parser.readValueAsTree();
      List<String> messages = new ArrayList<>();
      if (tree == null || !tree.isArray()) {
        if (tree != null && !tree.isNull()) {
          warnings.structure(field + " is not a list (found " + FieldProblem.describe(tree) + ")");
        }
        return messages;
      }
      for (JsonNode entry : tree) {
        messages.add(SlurmMessages.text(entry));
      }
      return messages;
    }

    private SlurmDocument finish() throws SlurmSourceException {
      meta = meta.withCluster(clusterOfRecords);
      if (!errors.isEmpty()) {
        throw new SlurmSourceException(
            origin
                + " reported "
                + (errors.size() == 1 ? "an error: " : errors.size() + " errors: ")
                + String.join("; ", errors)
                + " ("
                + meta.describe()
                + ")");
      }
      if (hasSinfo) {
        contents.add(Content.PARTITIONS);
        partitions.addAll(sinfoRows.partitions());
        if (nodeRows || isNodeOriented(meta.command())) {
          contents.add(Content.NODES);
          nodes.addAll(sinfoRows.nodes());
        }
      }
      return new SlurmDocument(
          meta, contents, jobs, nodes, partitions, warnings.format(origin, meta));
    }

    /**
     * Returns true when {@code meta.command} shows that sinfo ran with {@code -N} ({@code --Node}),
     * one row per node. 23.02 lists every argument; 24.11 leaves the last one out.
     */
    private static boolean isNodeOriented(List<String> command) {
      return command.contains("-N") || command.contains("--Node");
    }
  }
}
