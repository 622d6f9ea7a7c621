package org.slurmscope.console.internal.once;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.Table;

/**
 * Prints a {@link Table} for scripts: aligned text, CSV (RFC 4180) or a JSON array of row objects.
 * CSV and JSON use the columns' stable keys and the cells' values; a map value becomes the flat
 * keys {@code <column>_<sub-key>}.
 */
public final class TableWriter {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

  private TableWriter() {}

  public static void write(Table table, String format, Writer out) throws IOException {
    switch (format) {
      case "json" -> json(table, out);
      case "csv" -> csv(table, out);
      case "table" -> text(table, out);
      default ->
          throw new IllegalArgumentException(
              "unknown format '" + format + "': use table, csv or json");
    }
    out.flush();
  }

  /** Returns each row as an ordered map from flat key to value. */
  static List<Map<String, Object>> records(Table table) {
    List<Map<String, Object>> records = new ArrayList<>(table.rows().size());
    for (Table.Row row : table.rows()) {
      Map<String, Object> record = new LinkedHashMap<>();
      for (int i = 0; i < table.columns().size(); i++) {
        String key = table.columns().get(i).key();
        Object value = row.cells().get(i).value();
        if (value instanceof Map<?, ?> map) {
          map.forEach((subKey, subValue) -> record.put(key + "_" + subKey, jsonSafe(subValue)));
        } else {
          record.put(key, jsonSafe(value));
        }
      }
      records.add(record);
    }
    return records;
  }

  /** JSON has no NaN or infinity: those become the strings Prometheus itself uses. */
  private static Object jsonSafe(Object value) {
    if (!(value instanceof Double number)) {
      return value;
    }
    if (number.isNaN()) {
      return "NaN";
    }
    if (number.isInfinite()) {
      return number > 0 ? "+Inf" : "-Inf";
    }
    return number;
  }

  private static void json(Table table, Writer out) throws IOException {
    JSON.writeValue(out, records(table));
    out.write('\n');
  }

  private static void csv(Table table, Writer out) throws IOException {
    List<Map<String, Object>> records = records(table);
    List<String> keys = new ArrayList<>();
    if (records.isEmpty()) {
      table.columns().forEach(column -> keys.add(column.key()));
    } else {
      keys.addAll(records.get(0).keySet());
    }
    out.write(String.join(",", keys.stream().map(TableWriter::csvField).toList()));
    out.write("\r\n");
    for (Map<String, Object> record : records) {
      List<String> fields = new ArrayList<>(keys.size());
      for (String key : keys) {
        fields.add(csvField(csvText(record.get(key))));
      }
      out.write(String.join(",", fields));
      out.write("\r\n");
    }
  }

  private static String csvText(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof List<?> list) {
      return String.join(",", list.stream().map(String::valueOf).toList());
    }
    return value.toString();
  }

  private static String csvField(String text) {
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  private static void text(Table table, Writer out) throws IOException {
    List<ColumnSpec> columns = table.columns();
    int[] widths = new int[columns.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = columns.get(i).title().length();
      for (Table.Row row : table.rows()) {
        widths[i] = Math.max(widths[i], row.cells().get(i).text().length());
      }
    }
    List<String> titles = columns.stream().map(ColumnSpec::title).toList();
    out.write(line(titles, widths, columns));
    for (Table.Row row : table.rows()) {
      out.write(line(row.cells().stream().map(Cell::text).toList(), widths, columns));
    }
  }

  private static String line(List<String> texts, int[] widths, List<ColumnSpec> columns) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      String padding = " ".repeat(widths[i] - text.length());
      boolean last = i == texts.size() - 1;
      if (columns.get(i).alignment() == Alignment.RIGHT) {
        line.append(padding).append(text);
      } else {
        line.append(text).append(last ? "" : padding);
      }
      if (!last) {
        line.append("  ");
      }
    }
    return line.toString().stripTrailing() + "\n";
  }
}
