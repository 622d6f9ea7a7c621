package org.slurmscope.overlay.nodes.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/** Creates instances of configuration annotations the way DS does: given values over defaults. */
final class TestConfigs {

  private TestConfigs() {}

  static <A extends Annotation> A create(Class<A> type, Map<String, Object> values) {
    Object config =
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getName().equals("annotationType")) {
                return type;
              }
              if (method.getName().equals("toString")) {
                return type.getSimpleName() + values;
              }
              return values.getOrDefault(method.getName(), method.getDefaultValue());
            });
    return type.cast(config);
  }
}
