package org.slurmscope.query.internal;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Maps the value of a series' node label (by default Prometheus's {@code instance}, such as {@code
 * node01.cluster.example.org:9100}) to a SLURM node name.
 *
 * <p>First the {@code :port} is removed, also from a bracketed IPv6 address ({@code [::1]:9100}
 * becomes {@code ::1}). A value with more than one colon and no brackets is a bare IPv6 address and
 * keeps its colons. Then the {@link DomainMode} applies to host names; IP addresses are never
 * shortened.
 *
 * @param mode how the domain part of a host name is treated
 * @param domainSuffix the suffix removed in {@link DomainMode#STRIP_SUFFIX} mode or added in {@link
 *     DomainMode#ADD_SUFFIX} mode, with its leading dot; empty in the other modes
 */
record NodeNameMapper(DomainMode mode, String domainSuffix) {

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  NodeNameMapper {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(domainSuffix, "domainSuffix");
  }

  /** Returns the node name for a label value, or null when nothing of a name is left. */
  String nodeName(String labelValue) {
    String host = withoutPort(labelValue.strip());
    String name =
        switch (mode) {
          case KEEP -> host;
          case STRIP_SUFFIX -> withoutSuffix(host);
          case SHORT -> shortName(host);
          case ADD_SUFFIX -> withSuffix(host);
        };
    return name.isEmpty() ? null : name;
  }

  /** Removes a trailing {@code :port} (digits only) and the brackets of an IPv6 address. */
  static String withoutPort(String value) {
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(1, end);
    }
    int colon = value.indexOf(':');
    if (colon < 0 || colon != value.lastIndexOf(':')) {
      return value;
    }
    String port = value.substring(colon + 1);
    return isDigits(port) ? value.substring(0, colon) : value;
  }

  private String withoutSuffix(String host) {
    // DNS names are case-insensitive. A host that is only the suffix stays as it is.
    boolean matches =
        host.length() > domainSuffix.length()
            && host.regionMatches(
                true,
                host.length() - domainSuffix.length(),
                domainSuffix,
                0,
                domainSuffix.length());
    return matches ? host.substring(0, host.length() - domainSuffix.length()) : host;
  }

  /** Returns how label values become node names, for explanations. */
  String describe() {
    return switch (mode) {
      case KEEP -> "port removed, host name kept";
      case STRIP_SUFFIX -> "port removed, domain suffix " + domainSuffix + " removed";
      case SHORT -> "port removed, short host name";
      case ADD_SUFFIX -> "port removed, domain suffix " + domainSuffix + " added to short names";
    };
  }

  private String withSuffix(String host) {
    if (host.isEmpty() || host.contains(":") || IPV4.matcher(host).matches()) {
      return host;
    }
    return host.indexOf('.') < 0 ? host + domainSuffix : host;
  }

  private static String shortName(String host) {
    if (host.contains(":") || IPV4.matcher(host).matches()) {
      // An IP address has no short name: cutting 10.1.2.3 at the first dot would give "10".
      return host;
    }
    int dot = host.indexOf('.');
    return dot < 0 ? host : host.substring(0, dot);
  }

  private static boolean isDigits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
