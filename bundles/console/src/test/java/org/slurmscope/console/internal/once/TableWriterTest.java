package org.slurmscope.console.internal.once;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slurmscope.api.console.Alignment;
import org.slurmscope.api.console.Cell;
import org.slurmscope.api.console.ColumnSpec;
import org.slurmscope.api.console.Table;
import org.slurmscope.api.console.Tone;

class TableWriterTest {

  private static final Table TABLE =
      new Table(
          List.of(
              new ColumnSpec("name", "NAME", 6, Alignment.LEFT),
              new ColumnSpec("cpus", "CPUS", 5, Alignment.RIGHT),
              new ColumnSpec("cpu_percent", "CPU%", 5, Alignment.RIGHT)),
          List.of(
              new Table.Row(
                  "node01",
                  List.of(
                      Cell.text("node01"),
                      new Cell("4/8", pair(4, 8), Tone.NORMAL),
                      new Cell("NaN", Double.NaN, Tone.DIM))),
              new Table.Row(
                  "a,b",
                  List.of(
                      Cell.text("a,\"b\""),
                      Cell.NOT_AVAILABLE,
                      new Cell("12.5", 12.5, Tone.GOOD)))),
          "");

  @Test
  void jsonFlattensMapsAndKeepsNan() throws IOException {
    String json = write("json");

    assertThat(json).contains("\"cpus_allocated\" : 4").contains("\"cpus_total\" : 8");
    assertThat(json).contains("\"cpu_percent\" : \"NaN\"");
    assertThat(json).contains("\"cpu_percent\" : 12.5");
    assertThat(json.strip()).startsWith("[").endsWith("]");
  }

  @Test
  void csvQuotesFieldsWithCommasAndQuotes() throws IOException {
    String csv = write("csv");

    assertThat(csv.split("\r\n"))
        .containsExactly(
            "name,cpus_allocated,cpus_total,cpu_percent",
            "node01,4,8,NaN",
            "\"a,\"\"b\"\"\",,,12.5");
  }

  @Test
  void tableAlignsNumbersRight() throws IOException {
    String table = write("table");

    assertThat(table.split("\n"))
        .containsExactly("NAME    CPUS  CPU%", "node01   4/8   NaN", "a,\"b\"    n/a  12.5");
  }

  private static Map<String, Object> pair(int allocated, int total) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("allocated", allocated);
    values.put("total", total);
    return values;
  }

  private static String write(String format) throws IOException {
    StringWriter out = new StringWriter();
    TableWriter.write(TABLE, format, out);
    return out.toString();
  }
}
