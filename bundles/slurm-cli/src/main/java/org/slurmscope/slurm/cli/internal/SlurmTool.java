package org.slurmscope.slurm.cli.internal;

/**
 * One Slurm command as configured.
 *
 * @param configKey the configuration key that sets it, named in messages so that the user knows
 *     what to change
 * @param executable the executable's name or absolute path
 */
record SlurmTool(String configKey, String executable) {}
