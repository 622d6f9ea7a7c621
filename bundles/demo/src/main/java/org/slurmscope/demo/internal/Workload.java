package org.slurmscope.demo.internal;

import java.util.List;

/**
 * The kinds of work the demo cluster runs, each with its partition, users and job names. User names
 * and accounts are invented. Job names are those of common HPC codes, so that a screen of them
 * reads like a real queue.
 */
enum Workload {
  CPU(
      "cpu",
      new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
      List.of(
          "lammps_melt",
          "gromacs_md",
          "wrf_d02",
          "cp2k_geoopt",
          "openfoam_pitz",
          "vasp_relax",
          "snakemake",
          "namd_apoa1",
          "qe_scf",
          "nextflow_rnaseq",
          "R_bootstrap",
          "mpi_allreduce")),
  GPU(
      "gpu",
      new int[] {4, 7, 2, 0},
      List.of(
          "train_resnet50",
          "llama_finetune",
          "alphafold2",
          "ddp_bert",
          "cryosparc_refine",
          "gromacs_gpu",
          "jupyter")),
  BIGMEM(
      "bigmem",
      new int[] {6, 2, 8},
      List.of("spades_assembly", "kraken2_build", "bwa_index", "pandas_merge", "trinity")),
  DEBUG("debug", new int[] {0, 1, 3, 5, 9}, List.of("test", "debug_mpi", "hello", "srun_test")),
  ARRAY(
      "cpu",
      new int[] {2, 6, 8, 1},
      List.of("param_sweep", "sample_qc", "blast_chunk", "montecarlo"));

  /** User names; the account of user {@code i} is {@code ACCOUNTS.get(i)}. */
  static final List<String> USERS =
      List.of("alice", "bob", "chen", "dmitri", "emma", "farid", "grace", "hiro", "ines", "jonas");

  static final List<String> ACCOUNTS =
      List.of(
          "physics",
          "chemistry",
          "biology",
          "physics",
          "ml",
          "climate",
          "biology",
          "ml",
          "chemistry",
          "climate");

  private final String partition;
  private final int[] users;
  private final List<String> jobNames;

  Workload(String partition, int[] users, List<String> jobNames) {
    this.partition = partition;
    this.users = users;
    this.jobNames = jobNames;
  }

  /** Returns the partition this work is submitted to. */
  String partition() {
    return partition;
  }

  /** Returns the index into {@link #USERS} of one of this workload's users. */
  int user(double unit) {
    return users[(int) (unit * users.length)];
  }

  String jobName(double unit) {
    return jobNames.get((int) (unit * jobNames.size()));
  }
}
