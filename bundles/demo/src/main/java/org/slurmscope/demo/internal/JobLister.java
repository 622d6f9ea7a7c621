package org.slurmscope.demo.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slurmscope.api.slurm.Job;
import org.slurmscope.api.slurm.JobState;

/**
 * Lists the jobs Slurm would show at one moment: per lane, the jobs that ended within {@link
 * CycleJob#LINGER_SECONDS}, the running one and the submitted ones still pending.
 */
final class JobLister {

  private static final JobState RUNNING = JobState.of("RUNNING");
  private static final JobState PENDING = JobState.of("PENDING");

  private final ClusterLayout layout;
  private final CycleJob job;
  private final long now;
  private final List<Job> jobs = new ArrayList<>();

  JobLister(ClusterLayout layout, long seed, long epochSecond) {
    this.layout = layout;
    this.job = new CycleJob(seed);
    this.now = epochSecond;
  }

  List<Job> list() {
    for (Lane lane : layout.lanes()) {
      if (!lane.active) {
        continue;
      }
      addStarted(lane);
      if (lane.kind == LaneKind.ARRAY) {
        if (lane.member == 0) {
          addPendingArrayTasks(lane);
        }
      } else {
        addPending(lane);
      }
    }
    return jobs;
  }

  /** Adds the lane's jobs that have started and are still listed, oldest first. */
  private void addStarted(Lane lane) {
    long current = lane.cycleAt(now);
    long trailing = CycleJob.MAX_COMPLETING_SECONDS + CycleJob.LINGER_SECONDS;
    long lookBack = 1 - Math.floorDiv(-trailing, lane.cycleSeconds);
    for (long cycle = current - lookBack; cycle <= current; cycle++) {
      job.load(lane, cycle);
      if (job.isListedAfterStart(now)) {
        jobs.add(lane.kind == LaneKind.ARRAY ? startedArrayTask() : started(jobId(lane, cycle)));
      }
    }
  }

  /** Adds the lane's submitted jobs that wait to start; the first of them waits for resources. */
  private void addPending(Lane lane) {
    boolean firstInLine = true;
    for (long cycle = lane.cycleAt(now);
        lane.cycleStart(cycle) - lane.maxLeadSeconds <= now;
        cycle++) {
      job.load(lane, cycle);
      if (job.isPending(now)) {
        PendingReason reason = job.pendingReason(now, firstInLine);
        jobs.add(pending(jobId(lane, cycle), null, null, reason));
        firstInLine = false;
      }
    }
  }

  /**
   * Adds the one record Slurm shows for the tasks of an array that have not started, such as {@code
   * 1234_[5-20%4]}. The current array and the next one can both have such a record.
   */
  private void addPendingArrayTasks(Lane lead) {
    int tasksPerCycle = lead.groupSize;
    long current = lead.cycleAt(now);
    long firstArray = Math.floorDiv(current, CycleJob.ARRAY_CYCLES);
    for (long array = firstArray; array <= firstArray + 1; array++) {
      long firstCycle = array * CycleJob.ARRAY_CYCLES;
      long startedCycles = lead.cycleStart(firstCycle) > now ? 0 : current - firstCycle + 1;
      if (startedCycles >= CycleJob.ARRAY_CYCLES) {
        continue;
      }
      job.load(lead, firstCycle + startedCycles);
      if (!job.isPending(now)) {
        continue;
      }
      long from = startedCycles * tasksPerCycle + 1;
      long to = (long) CycleJob.ARRAY_CYCLES * tasksPerCycle;
      String arrayId = Long.toString(layout.jobIds().number(lead, firstCycle));
      String taskRange = from + "-" + to + "%" + tasksPerCycle;
      PendingReason reason =
          startedCycles > 0 ? PendingReason.JOB_ARRAY_TASK_LIMIT : PendingReason.RESOURCES;
      jobs.add(pending(arrayId + "_[" + taskRange + "]", arrayId, taskRange, reason));
    }
  }

  private Job startedArrayTask() {
    Lane lead = layout.lanes().get(job.lane.groupLead);
    long firstCycle = Math.floorDiv(job.cycle, CycleJob.ARRAY_CYCLES) * CycleJob.ARRAY_CYCLES;
    long task = (job.cycle - firstCycle) * job.lane.groupSize + job.lane.member + 1;
    String arrayId = Long.toString(layout.jobIds().number(lead, firstCycle));
    String taskId = Long.toString(task);
    return started(arrayId + "_" + taskId, arrayId, taskId);
  }

  private Job started(String id) {
    return started(id, null, null);
  }

  /** Builds the record of a running or finished job from {@link #job}. */
  private Job started(String id, String arrayJobId, String arrayTaskId) {
    Lane lane = job.lane;
    Instant start = Instant.ofEpochSecond(job.start);
    boolean running = job.isRunning(now);
    JobState state = running ? RUNNING : job.outcome.state(job.isCompleting(now));
    String reason = running ? "None" : job.outcome.reason();
    Instant end =
        running ? start.plusSeconds(job.timeLimit.minutes() * 60) : Instant.ofEpochSecond(job.end);
    return record(id, arrayJobId, arrayTaskId, state, reason, start, end, lane.hostlist);
  }

  /** Builds the record of a pending job from {@link #job}; its start is Slurm's estimate. */
  private Job pending(String id, String arrayJobId, String arrayTaskId, PendingReason reason) {
    Instant start = Instant.ofEpochSecond(job.start);
    Instant end = start.plusSeconds(job.timeLimit.minutes() * 60);
    return record(id, arrayJobId, arrayTaskId, PENDING, reason.text(), start, end, "");
  }

  private Job record(
      String id,
      String arrayJobId,
      String arrayTaskId,
      JobState state,
      String reason,
      Instant start,
      Instant end,
      String nodes) {
    Lane lane = job.lane;
    int user = job.user();
    return new Job(
        id,
        arrayJobId,
        arrayTaskId,
        Workload.USERS.get(user),
        Workload.ACCOUNTS.get(user),
        lane.workload.partition(),
        job.name(),
        state,
        reason,
        Instant.ofEpochSecond(job.submit),
        start,
        end,
        job.timeLimit,
        nodes,
        lane.nodes.length,
        lane.cpusTotal(),
        lane.memoryRequest,
        Set.of());
  }

  private String jobId(Lane lane, long cycle) {
    return Long.toString(layout.jobIds().number(lane, cycle));
  }
}
