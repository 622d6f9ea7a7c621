package org.slurmscope.overlay.jobs.internal;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.log.Logger;

/** An OSGi {@link Logger} for tests that records each message as "LEVEL format". */
final class TestLogger {

  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Logger logger;

  TestLogger() {
    logger =
        (Logger)
            Proxy.newProxyInstance(
                Logger.class.getClassLoader(),
                new Class<?>[] {Logger.class},
                (proxy, method, args) -> {
                  String name = method.getName();
                  if (method.getReturnType() == boolean.class) {
                    return false;
                  }
                  if (name.equals("getName")) {
                    return "test";
                  }
                  if (args != null && args.length > 0 && args[0] instanceof String format) {
                    messages.add(name.toUpperCase(java.util.Locale.ROOT) + " " + format);
                  }
                  return null;
                });
  }

  Logger logger() {
    return logger;
  }

  /** Returns the recorded messages, oldest first. */
  List<String> messages() {
    return List.copyOf(messages);
  }
}
