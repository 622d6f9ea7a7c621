package org.slurmscope.itests.hello;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.slurmscope.api.console.ConsoleView;

/**
 * Starts the plugin bundle that the hot deploy test drops into the plugins folder: it registers
 * {@link HelloView} as a plain OSGi service, the way a third party may add a view without
 * Declarative Services. The framework unregisters the service when the bundle stops.
 */
public final class HelloViewActivator implements BundleActivator {

  @Override
  public void start(BundleContext context) {
    context.registerService(ConsoleView.class, new HelloView(), null);
  }

  @Override
  public void stop(BundleContext context) {
    // The framework unregisters the bundle's services.
  }
}
