package org.slurmscope.slurm.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slurmscope.slurm.json.SlurmNumber.Kind;

/** The shapes of Slurm numbers: plain, sentinels and {set, infinite, number} objects. */
class SlurmNumberTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @ParameterizedTest(name = "{0} is {1} {2}")
  @CsvSource(
      delimiter = ';',
      value = {
        "42; VALUE; 42",
        "0; VALUE; 0",
        "1.0; VALUE; 1",
        "'\"05\"'; VALUE; 5",
        "4294967294; NOT_SET; 0",
        "4294967295; INFINITE; 0",
        "-2; NOT_SET; 0",
        "-1; INFINITE; 0",
        "18446744073709551614; NOT_SET; 0",
        "18446744073709551615; INFINITE; 0",
        "null; ABSENT; 0",
        "'{\"set\": true, \"infinite\": false, \"number\": 1440}'; VALUE; 1440",
        "'{\"set\": false, \"infinite\": false, \"number\": 0}'; NOT_SET; 0",
        "'{\"set\": false, \"infinite\": true, \"number\": 0}'; INFINITE; 0",
        "'{\"set\": true, \"infinite\": true, \"number\": 5}'; INFINITE; 0",
        "'{\"set\": true, \"infinite\": false, \"number\": 4294967294}'; NOT_SET; 0",
        "'{\"number\": 7}'; VALUE; 7",
        "'{\"count\": 7}'; INVALID; 0",
        "'\"12:00:00\"'; INVALID; 0",
        "1.5; INVALID; 0",
        "-5; INVALID; 0",
        "true; INVALID; 0",
        "'[1]'; INVALID; 0"
      })
  void decodesShape(String json, Kind kind, long value) throws JsonProcessingException {
    SlurmNumber number = SlurmNumber.of(MAPPER.readTree(json));

    assertThat(number.kind()).isEqualTo(kind);
    assertThat(number.value()).isEqualTo(value);
  }

  @Test
  void missingFieldIsAbsent() {
    assertThat(SlurmNumber.of(null).kind()).isEqualTo(Kind.ABSENT);
  }

  @Test
  void sixteenBitSentinelsOnlyWhereAsked() throws JsonProcessingException {
    JsonNode noVal16 = MAPPER.readTree("65534");

    assertThat(SlurmNumber.of16(noVal16).kind()).isEqualTo(Kind.NOT_SET);
    assertThat(SlurmNumber.of(noVal16).kind()).isEqualTo(Kind.VALUE);
  }
}
