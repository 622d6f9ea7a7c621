package org.slurmscope.api.console;

/**
 * What a view needs to know about who looks at it and how.
 *
 * @param user the user name of the person running the console
 * @param allUsers true to show every user's jobs, false for the user's own
 */
public record ViewContext(String user, boolean allUsers) {}
