package org.slurmscope.query.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slurmscope.api.config.ConfigurationValues;
import org.slurmscope.api.config.InvalidConfigurationException;

/**
 * Validated values of {@code org.slurmscope.query}: the expanded query of every node and GPU
 * metric, the job templates that the job dialect wraps, and the mapping rules.
 *
 * @param queries the final query per node and GPU metric name
 * @param jobTemplates the expanded per-cgroup expression per job metric, before the dialect wraps
 *     it; job metrics whose template is empty are left out
 * @param jobConfigKeys the configuration key per job metric, for messages
 * @param nodeLabel the label the node templates aggregate by
 * @param unameJoin true when node names come from {@code node_uname_info{nodename}}
 * @param nodeNames how label values become SLURM node names
 * @param filters the cluster filter matchers added to every selector; empty for none
 * @param dialect the configured job dialect
 * @param jobLabel the label holding the job id
 * @param gpuHostLabels the labels naming a GPU's host, in order of preference
 * @param gpuJobLabel the label naming the job on a GPU
 */
record QuerySettings(
    Map<String, MetricQuery> queries,
    Map<String, String> jobTemplates,
    Map<String, String> jobConfigKeys,
    String nodeLabel,
    boolean unameJoin,
    NodeNameMapper nodeNames,
    List<String> filters,
    JobDialect dialect,
    String jobLabel,
    List<String> gpuHostLabels,
    String gpuJobLabel) {

  /** Prefix of the keys that add named queries: {@code query.node.ib.errors = ...}. */
  static final String NAMED_QUERY_PREFIX = "query.";

  private static final String PID = QueryConfiguration.PID;

  /** A Prometheus duration such as {@code 1m} or {@code 1h30m}. */
  private static final Pattern DURATION = Pattern.compile("([0-9]+(ms|s|m|h|d|w|y))+");

  /** A domain suffix: DNS labels separated by dots, with an optional leading dot. */
  private static final Pattern DOMAIN =
      Pattern.compile(
          "\\.?[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]*[a-zA-Z0-9])?)*");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)\\}\\}");

  /** Names of metrics added with {@code query.<name>}. */
  private static final Pattern METRIC_NAME = Pattern.compile("(node|job|gpu)(\\.[a-z0-9_]+)+");

  QuerySettings {
    queries = Map.copyOf(queries);
    jobTemplates = Map.copyOf(jobTemplates);
    jobConfigKeys = Map.copyOf(jobConfigKeys);
    filters = List.copyOf(filters);
    gpuHostLabels = List.copyOf(gpuHostLabels);
  }

  /**
   * Reads and checks the raw values of the PID, as the component and the configuration bundle's
   * validator receive them.
   *
   * @throws InvalidConfigurationException naming the PID, the key, the value and the rule
   */
  static QuerySettings from(Map<String, Object> properties) {
    ConfigurationValues values = ConfigurationValues.of(PID, properties);
    String nodeLabel = labelName(values, "nodeLabel", "instance");
    boolean unameJoin = values.bool("nodeUnameJoin", false);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("nodeLabel", nodeLabel);
    parameters.put("rateWindow", duration(values, "rateWindow", "1m"));
    parameters.put("peakWindow", duration(values, "peakWindow", "1h"));
    List<String> filters = clusterFilter(values);

    Map<String, MetricQuery> queries = new TreeMap<>();
    Map<String, String> jobTemplates = new TreeMap<>();
    Map<String, String> jobKeys = new TreeMap<>();
    for (Catalogue.Entry entry : Catalogue.ENTRIES) {
      String template = values.string(entry.configKey(), entry.template());
      if (entry.kind() == MetricKind.JOB) {
        if (!template.isEmpty()) {
          String inner = expand(entry.configKey(), template, parameters);
          filtered(entry.configKey(), inner, filters);
          jobTemplates.put(entry.metric(), inner);
          jobKeys.put(entry.metric(), entry.configKey());
        }
        continue;
      }
      requireNotEmpty(entry.configKey(), template);
      String promql = expand(entry.configKey(), template, parameters);
      if (entry.kind() == MetricKind.NODE && unameJoin) {
        promql = unameJoined(promql, nodeLabel);
      }
      promql = filtered(entry.configKey(), promql, filters);
      queries.put(
          entry.metric(),
          new MetricQuery(entry.metric(), entry.configKey(), promql, entry.kind(), entry.scale()));
    }
    addNamedQueries(
        properties, parameters, filters, unameJoin, nodeLabel, queries, jobTemplates, jobKeys);

    return new QuerySettings(
        queries,
        jobTemplates,
        jobKeys,
        nodeLabel,
        unameJoin,
        nodeNames(values),
        filters,
        dialect(values),
        labelName(values, "jobLabel", "jobid"),
        gpuHostLabels(values),
        labelName(values, "gpuJobLabel", "hpc_job"));
  }

  /** Returns the label whose value names the node in node results. */
  String nodeMappingLabel() {
    return unameJoin ? "nodename" : nodeLabel;
  }

  /** Returns every metric this source provides. */
  List<String> metrics() {
    List<String> metrics = new ArrayList<>(queries.keySet());
    metrics.addAll(jobTemplates.keySet());
    metrics.sort(null);
    return metrics;
  }

  /**
   * Returns the query of a metric for a job dialect, or null when this source does not provide the
   * metric.
   */
  MetricQuery query(String metric, JobDialect jobDialect) {
    MetricQuery query = queries.get(metric);
    if (query != null) {
      return query;
    }
    String inner = jobTemplates.get(metric);
    if (inner == null) {
      return null;
    }
    String key = jobConfigKeys.get(metric);
    String promql = PromQl.withMatchers(jobPromql(inner, jobDialect), filters);
    return new MetricQuery(metric, key, promql, MetricKind.JOB, 1);
  }

  /** Wraps a per-cgroup expression so the server aggregates it per job (or cgroup) and node. */
  String jobPromql(String inner, JobDialect jobDialect) {
    String node = nodeLabel;
    String job = jobLabel;
    return switch (jobDialect) {
      case CGROUP_PATH, AUTO ->
          "sum by (cgroup, "
              + node
              + ") ("
              + PromQl.withMatchers(
                  inner, List.of(PromQl.matcher("cgroup", "=~", CgroupPaths.JOB_PATH_PROMQL)))
              + ")";
      // Job-level series where the exporter has them, else its steps, else its tasks: "or"
      // adds a right-hand series only when no left-hand one has the same job and node.
      case JOBID_LABEL ->
          jobLevel(inner, job, node, "step", "=", "")
              + " or "
              + jobLevel(inner, job, node, "task", "=", "", "step", "!=", "")
              + " or "
              + jobLevel(inner, job, node, "task", "!=", "");
      case CGROUP_INFO ->
          "sum by ("
              + job
              + ", "
              + node
              + ") (("
              + inner
              + ") * on (cgroup, "
              + node
              + ") group_left ("
              + job
              + ") max by (cgroup, "
              + node
              + ", "
              + job
              + ") (cgroup_info{"
              + PromQl.matcher(job, "!=", "")
              + "}))";
    };
  }

  private static String jobLevel(String inner, String job, String node, String... matchers) {
    List<String> all = new ArrayList<>();
    all.add(PromQl.matcher(job, "!=", ""));
    for (int i = 0; i < matchers.length; i += 3) {
      all.add(PromQl.matcher(matchers[i], matchers[i + 1], matchers[i + 2]));
    }
    return "sum by (" + job + ", " + node + ") (" + PromQl.withMatchers(inner, all) + ")";
  }

  private static String unameJoined(String promql, String nodeLabel) {
    return "("
        + promql
        + ") * on ("
        + nodeLabel
        + ") group_left (nodename) max by ("
        + nodeLabel
        + ", nodename) (node_uname_info)";
  }

  private static void addNamedQueries(
      Map<String, Object> properties,
      Map<String, String> parameters,
      List<String> filters,
      boolean unameJoin,
      String nodeLabel,
      Map<String, MetricQuery> queries,
      Map<String, String> jobTemplates,
      Map<String, String> jobKeys) {
    for (Map.Entry<String, Object> property : new TreeMap<>(properties).entrySet()) {
      String key = property.getKey();
      if (!key.startsWith(NAMED_QUERY_PREFIX)) {
        continue;
      }
      String metric = key.substring(NAMED_QUERY_PREFIX.length());
      String template = String.valueOf(property.getValue()).strip();
      if (!METRIC_NAME.matcher(metric).matches()) {
        throw new InvalidConfigurationException(
            PID,
            key,
            template,
            "the name after query. must start with node., job. or gpu. and continue with lower-case"
                + " letters, digits and _ between dots, such as query.node.ib.errors");
      }
      if (queries.containsKey(metric) || jobTemplates.containsKey(metric)) {
        throw new InvalidConfigurationException(
            PID, key, template, metric + " is built in: change its own key instead");
      }
      requireNotEmpty(key, template);
      String promql = expand(key, template, parameters);
      if (metric.startsWith("job.")) {
        filtered(key, promql, filters);
        jobTemplates.put(metric, promql);
        jobKeys.put(metric, key);
        continue;
      }
      MetricKind kind = metric.startsWith("gpu.") ? MetricKind.GPU : MetricKind.NODE;
      if (kind == MetricKind.NODE && unameJoin) {
        promql = unameJoined(promql, nodeLabel);
      }
      queries.put(metric, new MetricQuery(metric, key, filtered(key, promql, filters), kind, 1));
    }
  }

  /** Replaces the {@code {{name}}} parameters of a template. */
  private static String expand(String key, String template, Map<String, String> parameters) {
    Matcher placeholder = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (placeholder.find()) {
      String value = parameters.get(placeholder.group(1));
      if (value == null) {
        throw new InvalidConfigurationException(
            PID,
            key,
            template,
            "{{"
                + placeholder.group(1)
                + "}} is not a template parameter; the parameters are "
                + parameters.keySet().stream()
                    .map(name -> "{{" + name + "}}")
                    .collect(Collectors.joining(", ")));
      }
      placeholder.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    placeholder.appendTail(out);
    return out.toString();
  }

  /**
   * Adds the cluster filter to every selector, and scans the expression even without a filter, so
   * that an unclosed string or bracket is reported with the key now rather than by the server on
   * every refresh.
   */
  private static String filtered(String key, String promql, List<String> filters) {
    try {
      PromQl.withMatchers(promql, List.of(PromQl.matcher("check", "=", "")));
      return PromQl.withMatchers(promql, filters);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigurationException(
          PID, key, promql, "it is not valid PromQL: " + e.getMessage());
    }
  }

  private static void requireNotEmpty(String key, String template) {
    if (template.isBlank()) {
      throw new InvalidConfigurationException(PID, key, template, "it must be a PromQL expression");
    }
  }

  private static List<String> clusterFilter(ConfigurationValues values) {
    String label = values.string("clusterLabel", "");
    String value = values.string("clusterValue", "");
    if (label.isEmpty()) {
      if (!value.isEmpty()) {
        throw new InvalidConfigurationException(
            PID, "clusterValue", value, "it needs clusterLabel, the label it is the value of");
      }
      return List.of();
    }
    if (!PromQl.LABEL_NAME.matcher(label).matches()) {
      throw new InvalidConfigurationException(
          PID, "clusterLabel", label, "it must be a Prometheus label name such as cluster");
    }
    if (value.isEmpty()) {
      throw new InvalidConfigurationException(
          PID, "clusterValue", value, "it must name the cluster when clusterLabel is set");
    }
    return List.of(PromQl.matcher(label, "=", value));
  }

  private static String labelName(ConfigurationValues values, String key, String fallback) {
    String label = values.string(key, fallback);
    if (!PromQl.LABEL_NAME.matcher(label).matches()) {
      throw new InvalidConfigurationException(
          PID,
          key,
          label,
          "it must be a Prometheus label name: a letter or _, then letters, digits or _");
    }
    return label;
  }

  private static String duration(ConfigurationValues values, String key, String fallback) {
    String text = values.string(key, fallback);
    if (!DURATION.matcher(text).matches()) {
      throw new InvalidConfigurationException(
          PID, key, text, "it must be a Prometheus duration such as 30s, 1m or 1h30m");
    }
    return text;
  }

  private static JobDialect dialect(ConfigurationValues values) {
    String text = values.string("jobDialect", "auto");
    JobDialect dialect = JobDialect.fromConfigValue(text);
    if (dialect == null) {
      throw new InvalidConfigurationException(
          PID,
          "jobDialect",
          text,
          "it must be one of "
              + Arrays.stream(JobDialect.values())
                  .map(JobDialect::configValue)
                  .collect(Collectors.joining(", ")));
    }
    return dialect;
  }

  private static List<String> gpuHostLabels(ConfigurationValues values) {
    String text = values.string("gpuHostLabels", "Hostname,hostname,instance");
    List<String> labels = new ArrayList<>();
    for (String part : text.split(",")) {
      String label = part.strip();
      if (!PromQl.LABEL_NAME.matcher(label).matches()) {
        throw new InvalidConfigurationException(
            PID,
            "gpuHostLabels",
            text,
            "it must be Prometheus label names separated by commas, such as Hostname,instance");
      }
      labels.add(label);
    }
    return labels;
  }

  private static NodeNameMapper nodeNames(ConfigurationValues values) {
    String modeText = values.string("domainMode", "keep");
    DomainMode mode = DomainMode.fromConfigValue(modeText);
    if (mode == null) {
      String allowed =
          Arrays.stream(DomainMode.values())
              .map(DomainMode::configValue)
              .collect(Collectors.joining(", "));
      throw new InvalidConfigurationException(
          PID, "domainMode", modeText, "it must be one of " + allowed);
    }
    String domain = values.string("nodeDomain", "");
    boolean usesDomain = mode == DomainMode.STRIP_SUFFIX || mode == DomainMode.ADD_SUFFIX;
    if (!usesDomain) {
      if (!domain.isEmpty()) {
        throw new InvalidConfigurationException(
            PID,
            "nodeDomain",
            domain,
            "it is only used with domainMode=strip-suffix or add-suffix: set one of them or remove"
                + " nodeDomain");
      }
      return new NodeNameMapper(mode, "");
    }
    if (!DOMAIN.matcher(domain).matches()) {
      throw new InvalidConfigurationException(
          PID,
          "nodeDomain",
          domain,
          "with domainMode="
              + mode.configValue()
              + " it must be a domain such as .cluster.example.org");
    }
    return new NodeNameMapper(mode, domain.startsWith(".") ? domain : "." + domain);
  }
}
