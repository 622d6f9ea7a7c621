package org.slurmscope.demo.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slurmscope.api.slurm.MemoryRequest;
import org.slurmscope.api.slurm.Partition;
import org.slurmscope.api.slurm.TimeLimit;
import org.slurmscope.demo.internal.Lane.LaneDraft;

/**
 * Builds a {@link ClusterLayout} from a seed and sizes. Every random choice is drawn here, from one
 * generator seeded once, so the same arguments always give the same layout.
 */
final class LayoutBuilder {

  /** Below this size the cluster has no special-role nodes, partitions or arrays. */
  static final int MIN_NODES_FOR_ROLES = 16;

  /** Mean number of pending jobs per lane when the job count leaves nothing to spread. */
  private static final double MIN_QUEUE_DEPTH = 0.25;

  /** Lane sizes of a CPU node that fill it, in eighths of its CPUs. */
  private static final int[][] CPU_FULL_SPLITS = {
    {4, 4}, {2, 2, 4}, {2, 2, 2, 2}, {2, 6}, {1, 3, 4}
  };

  /** Lane sizes of a CPU node that leave CPUs free, in eighths. */
  private static final int[][] CPU_PARTIAL_SPLITS = {
    {1}, {2}, {4}, {1, 2}, {2, 3}, {1, 1, 2}, {2, 4}
  };

  /** Lane sizes of a GPU node in quarters, one quarter per GPU. */
  private static final int[][] GPU_SPLITS = {{4}, {2, 2}, {1, 1, 1, 1}, {1, 1, 2}};

  /** Lane sizes of a large-memory node in eighths. */
  private static final int[][] BIGMEM_SPLITS = {{8}, {4, 4}, {2}};

  private static final long[] CPU_CYCLES = {1800, 3600, 7200, 14_400};
  private static final long[] GPU_CYCLES = {3600, 7200, 21_600};
  private static final long[] BIGMEM_CYCLES = {7200, 14_400, 28_800};
  private static final long[] MULTI_CYCLES = {7200, 14_400};
  private static final long ARRAY_CYCLE_SECONDS = 1800;
  private static final int ARRAY_GROUP_SIZE = 4;

  private static final List<String> DRAIN_REASONS =
      List.of(
          "DIMM errors reported by EDAC",
          "local /scratch disk failed",
          "InfiniBand link flapping",
          "CPU throttling, check cooling");

  private static final List<String> PARTITION_ORDER = List.of("cpu", "gpu", "bigmem", "debug");

  private final int nodeCount;
  private final int jobCount;
  private final SplittableRandom random;
  private final List<NodeDraft> nodes = new ArrayList<>();
  private final List<LaneDraft> lanes = new ArrayList<>();
  private int cpuNodeCount;

  LayoutBuilder(long seed, int nodeCount, int jobCount) {
    this.nodeCount = nodeCount;
    this.jobCount = jobCount;
    this.random = new SplittableRandom(seed);
  }

  ClusterLayout build() {
    createNodes();
    assignRoles();
    createLanes();
    formArrayGroups();
    calibrate();
    return freeze();
  }

  // Nodes

  private void createNodes() {
    int gpus = nodeCount >= 8 ? (int) Math.round(nodeCount / 8.0) : 0;
    int bigmems = nodeCount >= MIN_NODES_FOR_ROLES ? (int) Math.round(nodeCount / 16.0) : 0;
    cpuNodeCount = nodeCount - gpus - bigmems;
    int olderCpus = (int) (cpuNodeCount * 0.4);
    for (int i = 0; i < cpuNodeCount; i++) {
      addNodes(i < olderCpus ? NodeKind.CPU_OLD : NodeKind.CPU, i, cpuNodeCount);
    }
    for (int i = 0; i < gpus; i++) {
      addNodes(NodeKind.GPU, i, gpus);
    }
    for (int i = 0; i < bigmems; i++) {
      addNodes(NodeKind.BIGMEM, i, bigmems);
    }
  }

  private void addNodes(NodeKind kind, int number, int countOfKind) {
    int width =
        Math.max(kind == NodeKind.GPU || kind == NodeKind.BIGMEM ? 2 : 3, digits(countOfKind));
    String name = kind.namePrefix() + Hostlists.pad(number + 1, width);
    nodes.add(new NodeDraft(nodes.size(), name, kind));
  }

  /**
   * Gives the special roles to CPU nodes: the debug nodes at the end of the CPU range, the others
   * scattered. Counts grow with the cluster (3% down, 1.5% drained, 3% reserved, ...) and are at
   * least one each, so that each state shows at every size from {@link #MIN_NODES_FOR_ROLES}.
   */
  private void assignRoles() {
    if (nodeCount < MIN_NODES_FOR_ROLES) {
      return;
    }
    int debugNodes = atLeastOne(cpuNodeCount * 0.04);
    List<NodeDraft> candidates = new ArrayList<>(nodes.subList(0, cpuNodeCount - debugNodes));
    shuffle(candidates);
    for (NodeDraft node : nodes.subList(cpuNodeCount - debugNodes, cpuNodeCount)) {
      node.role = NodeRole.DEBUG;
    }
    int next = 0;
    next = giveRole(candidates, next, atLeastOne(nodeCount * 0.03), NodeRole.DOWN);
    next = giveRole(candidates, next, atLeastOne(nodeCount * 0.015), NodeRole.DRAINED);
    next = giveRole(candidates, next, atLeastOne(nodeCount * 0.03), NodeRole.RESERVED);
    next = giveRole(candidates, next, 3 * atLeastOne(nodeCount / 1000.0), NodeRole.ROTATING_DRAIN);
    giveRole(candidates, next, atLeastOne(nodeCount / 500.0), NodeRole.SLOW_EPILOG);
  }

  private int giveRole(List<NodeDraft> candidates, int from, int count, NodeRole role) {
    int end = Math.min(candidates.size(), from + count);
    for (int i = from; i < end; i++) {
      NodeDraft node = candidates.get(i);
      node.role = role;
      node.reason =
          switch (role) {
            case DOWN -> "Not responding";
            case DRAINED -> DRAIN_REASONS.get(random.nextInt(DRAIN_REASONS.size()));
            case ROTATING_DRAIN -> "rolling BIOS update";
            default -> null;
          };
    }
    return end;
  }

  // Lanes

  private void createLanes() {
    createCpuLanes();
    int rotationMember = 0;
    long rotationPhase = 0;
    for (NodeDraft node : nodes) {
      switch (node.role) {
        case DEBUG -> addDebugLanes(node);
        case SLOW_EPILOG -> addSlowEpilogLanes(node);
        case ROTATING_DRAIN -> {
          if (rotationMember == 0) {
            rotationPhase = random.nextLong(CycleJob.ROTATING_DRAIN_CYCLE_SECONDS);
          }
          addRotatingDrainLane(node, rotationMember, rotationPhase);
          rotationMember = (rotationMember + 1) % 3;
        }
        case NORMAL -> addHardwareLanes(node);
        default -> {
          // Down, drained and reserved nodes run nothing.
        }
      }
    }
  }

  /**
   * Lays out the ordinary CPU nodes in name order: now and then a run of two to four neighbours
   * becomes one multi-node lane (always the first free pair from {@link #MIN_NODES_FOR_ROLES}
   * nodes, so planned nodes can show), the others get one whole-node lane (30%), lanes that fill
   * the node (45%) or lanes that leave CPUs free (25%).
   */
  private void createCpuLanes() {
    boolean wantMulti = nodeCount >= MIN_NODES_FOR_ROLES;
    for (int i = 0; i < cpuNodeCount; i++) {
      NodeDraft node = nodes.get(i);
      if (node.role != NodeRole.NORMAL || node.laidOut) {
        continue;
      }
      int blockSize = wantMulti ? 2 : 2 + random.nextInt(3);
      if ((wantMulti || random.nextDouble() < 0.07) && isFreeBlock(i, blockSize)) {
        addMultiLane(i, blockSize);
        wantMulti = false;
        continue;
      }
      double layout = random.nextDouble();
      if (layout < 0.30) {
        addSplitLanes(node, new int[] {8}, 8);
      } else if (layout < 0.75) {
        addSplitLanes(node, pick(CPU_FULL_SPLITS), 8);
      } else {
        addSplitLanes(node, pick(CPU_PARTIAL_SPLITS), 8);
      }
    }
  }

  private boolean isFreeBlock(int first, int size) {
    if (first + size > cpuNodeCount) {
      return false;
    }
    NodeKind kind = nodes.get(first).kind;
    for (int i = first; i < first + size; i++) {
      NodeDraft node = nodes.get(i);
      if (node.role != NodeRole.NORMAL || node.laidOut || node.kind != kind) {
        return false;
      }
    }
    return true;
  }

  private void addMultiLane(int first, int size) {
    int[] members = new int[size];
    for (int i = 0; i < size; i++) {
      members[i] = first + i;
      nodes.get(first + i).laidOut = true;
    }
    NodeDraft node = nodes.get(first);
    LaneDraft lane = addLane(LaneKind.MULTI, Workload.CPU, members, node.kind.cpus(), node.kind);
    setCycle(lane, MULTI_CYCLES);
  }

  private void addHardwareLanes(NodeDraft node) {
    switch (node.kind) {
      case GPU -> addSplitLanes(node, pick(GPU_SPLITS), 4);
      case BIGMEM -> addSplitLanes(node, pick(BIGMEM_SPLITS), 8);
      default -> {
        // CPU nodes were laid out by createCpuLanes.
      }
    }
  }

  private void addSplitLanes(NodeDraft node, int[] shares, int parts) {
    node.laidOut = true;
    for (int share : shares) {
      int cpus = node.kind.cpus() * share / parts;
      LaneDraft lane =
          addLane(LaneKind.SINGLE, node.kind.workload(), new int[] {node.index}, cpus, node.kind);
      setCycle(lane, cyclesFor(node.kind));
    }
  }

  /** Two lanes half a debug cycle apart, so that a debug job ends every 60 s. */
  private void addDebugLanes(NodeDraft node) {
    long phase = random.nextLong(CycleJob.DEBUG_CYCLE_SECONDS);
    for (int member = 0; member < 2; member++) {
      LaneDraft lane =
          addLane(LaneKind.DEBUG, Workload.DEBUG, new int[] {node.index}, 4, node.kind);
      lane.cycleSeconds = CycleJob.DEBUG_CYCLE_SECONDS;
      lane.originSeconds = phase + member * CycleJob.DEBUG_CYCLE_SECONDS / 2;
      lane.member = member;
    }
  }

  /**
   * Three lanes a third of a cycle apart whose jobs run for two thirds of the cycle and complete
   * for the last third, so one of them is always completing.
   */
  private void addSlowEpilogLanes(NodeDraft node) {
    long cycle = CycleJob.SLOW_EPILOG_CYCLE_SECONDS;
    long phase = random.nextLong(cycle);
    for (int member = 0; member < 3; member++) {
      int cpus = node.kind.cpus() / 4;
      LaneDraft lane =
          addLane(LaneKind.SLOW_EPILOG, Workload.CPU, new int[] {node.index}, cpus, node.kind);
      lane.cycleSeconds = cycle;
      lane.originSeconds = phase + member * cycle / 3;
      lane.member = member;
    }
  }

  /**
   * Adds the half-node lane of one node of a rotation of three, a third of a cycle apart. Each node
   * drains for the second half of its cycle while its job finishes, so at any moment at least one
   * of the three is draining.
   */
  private void addRotatingDrainLane(NodeDraft node, int member, long phase) {
    long cycle = CycleJob.ROTATING_DRAIN_CYCLE_SECONDS;
    int cpus = node.kind.cpus() / 2;
    LaneDraft lane =
        addLane(LaneKind.ROTATING_DRAIN, Workload.CPU, new int[] {node.index}, cpus, node.kind);
    lane.cycleSeconds = cycle;
    lane.originSeconds = phase + member * cycle / 3;
    lane.member = member;
  }

  private LaneDraft addLane(
      LaneKind kind, Workload workload, int[] members, int cpusPerNode, NodeKind nodeKind) {
    MemoryRequest memory = memoryRequest(nodeKind, cpusPerNode);
    LaneDraft lane = new LaneDraft(lanes.size(), kind, workload, members, cpusPerNode, memory);
    lanes.add(lane);
    return lane;
  }

  /**
   * Draws a memory request that fits the lane's share of the node: per CPU (a quarter, half or 90%
   * of the node's memory per CPU) or per node (40% to 100% of the lane's share).
   */
  private MemoryRequest memoryRequest(NodeKind kind, int cpus) {
    long perCpuShare = kind.memoryMb() / kind.cpus() / 100 * 100;
    if (random.nextDouble() < 0.5) {
      double[] factors = {0.25, 0.5, 0.9};
      long perCpu = (long) (perCpuShare * factors[random.nextInt(factors.length)]) / 100 * 100;
      return new MemoryRequest(Math.max(100, perCpu), MemoryRequest.Per.CPU);
    }
    long perNode = (long) (cpus * perCpuShare * (0.4 + 0.6 * random.nextDouble())) / 1000 * 1000;
    return new MemoryRequest(Math.max(1000, perNode), MemoryRequest.Per.NODE);
  }

  private void setCycle(LaneDraft lane, long[] cycles) {
    lane.cycleSeconds = cycles[random.nextInt(cycles.length)];
    lane.originSeconds = random.nextLong(lane.cycleSeconds);
  }

  private static long[] cyclesFor(NodeKind kind) {
    return switch (kind) {
      case GPU -> GPU_CYCLES;
      case BIGMEM -> BIGMEM_CYCLES;
      default -> CPU_CYCLES;
    };
  }

  /**
   * Turns groups of four partial-node CPU lanes on four different nodes into job array groups: the
   * lanes share a cycle, and each array runs {@value CycleJob#ARRAY_CYCLES} cycles of four tasks.
   * The tasks take the smallest CPU count of the group and a per-CPU memory request, so each still
   * fits its lane's share of its node.
   */
  private void formArrayGroups() {
    if (nodeCount < MIN_NODES_FOR_ROLES) {
      return;
    }
    List<LaneDraft> candidates = new ArrayList<>();
    for (LaneDraft lane : lanes) {
      NodeDraft node = nodes.get(lane.nodes[0]);
      boolean partial = lane.cpusPerNode < node.kind.cpus();
      if (lane.kind == LaneKind.SINGLE && node.kind.workload() == Workload.CPU && partial) {
        candidates.add(lane);
      }
    }
    shuffle(candidates);
    int wanted = (int) Math.round(nodeCount / 20.0);
    List<LaneDraft> group = new ArrayList<>();
    for (LaneDraft lane : candidates) {
      if (wanted == 0) {
        break;
      }
      if (group.stream().noneMatch(member -> member.nodes[0] == lane.nodes[0])) {
        group.add(lane);
      }
      if (group.size() == ARRAY_GROUP_SIZE) {
        makeArrayGroup(group);
        group.clear();
        wanted--;
      }
    }
  }

  private void makeArrayGroup(List<LaneDraft> group) {
    int cpus = Integer.MAX_VALUE;
    long perCpuShare = Long.MAX_VALUE;
    for (LaneDraft lane : group) {
      NodeKind kind = nodes.get(lane.nodes[0]).kind;
      cpus = Math.min(cpus, lane.cpusPerNode);
      perCpuShare = Math.min(perCpuShare, kind.memoryMb() / kind.cpus() / 100 * 100);
    }
    MemoryRequest memory = new MemoryRequest(perCpuShare / 2 / 100 * 100, MemoryRequest.Per.CPU);
    // Spread over a whole array's span, so that groups start their arrays at different times.
    long origin = random.nextLong(CycleJob.ARRAY_CYCLES * ARRAY_CYCLE_SECONDS);
    for (int member = 0; member < group.size(); member++) {
      LaneDraft lane = group.get(member);
      lane.kind = LaneKind.ARRAY;
      lane.workload = Workload.ARRAY;
      lane.cpusPerNode = cpus;
      lane.memoryRequest = memory;
      lane.cycleSeconds = ARRAY_CYCLE_SECONDS;
      lane.originSeconds = origin;
      lane.member = member;
      lane.groupLead = group.get(0).index;
      lane.groupSize = group.size();
    }
  }

  // Job count

  /**
   * Fits the number of listed jobs to the configured count. Lanes are switched on in order, the
   * showcase lanes first and then the others in random order, while the expected number of listed
   * jobs stays within the count. Whatever is left is spread over the ordinary lanes as a deeper
   * queue of pending jobs. The estimates are means, so the count at a moment varies around it.
   */
  private void calibrate() {
    List<List<LaneDraft>> units = new ArrayList<>();
    for (LaneKind kind : List.of(LaneKind.DEBUG, LaneKind.ROTATING_DRAIN, LaneKind.SLOW_EPILOG)) {
      for (LaneDraft lane : lanes) {
        if (lane.kind == kind) {
          units.add(List.of(lane));
        }
      }
    }
    Map<Integer, List<LaneDraft>> arrayGroups = new LinkedHashMap<>();
    List<LaneDraft> ordinary = new ArrayList<>();
    for (LaneDraft lane : lanes) {
      if (lane.kind == LaneKind.ARRAY) {
        arrayGroups.computeIfAbsent(lane.groupLead, lead -> new ArrayList<>()).add(lane);
      }
      if (isOrdinary(lane)) {
        ordinary.add(lane);
      }
    }
    units.addAll(arrayGroups.values());
    shuffle(ordinary);
    for (LaneDraft lane : ordinary) {
      units.add(List.of(lane));
    }

    double listed = 0;
    int activeOrdinary = 0;
    for (List<LaneDraft> unit : units) {
      double expected = 0;
      for (LaneDraft lane : unit) {
        expected += expectedListedJobs(lane);
      }
      boolean fits = listed + expected <= jobCount;
      for (LaneDraft lane : unit) {
        lane.active = fits;
      }
      if (fits) {
        listed += expected;
        activeOrdinary += isOrdinary(unit.get(0)) ? 1 : 0;
      }
    }
    double depth =
        MIN_QUEUE_DEPTH + (activeOrdinary > 0 ? (jobCount - listed) / activeOrdinary : 0);
    ordinary.forEach(lane -> lane.queueDepth = depth);
  }

  private static boolean isOrdinary(LaneDraft lane) {
    return lane.kind == LaneKind.SINGLE || lane.kind == LaneKind.MULTI;
  }

  /**
   * Estimates how many jobs a lane lists at a random moment: the time a job is listed (wait, run,
   * epilog and {@link CycleJob#LINGER_SECONDS}) over the cycle. Array lanes add a share of the
   * array's one pending record.
   */
  private static double expectedListedJobs(LaneDraft lane) {
    double cycle = lane.cycleSeconds;
    double linger = CycleJob.LINGER_SECONDS;
    return switch (lane.kind) {
      case SINGLE, MULTI -> MIN_QUEUE_DEPTH + (0.64 * (cycle - 30) + 14 + linger) / cycle;
      case ARRAY -> (0.725 * (cycle - 30) + 14 + linger) / cycle + 1.0 / lane.groupSize;
      case DEBUG -> (58 + 10 + linger) / cycle + 0.5;
      case SLOW_EPILOG -> (360 + 1200 + 600 + linger) / cycle;
      case ROTATING_DRAIN -> (1200 + cycle - 120 + 20 + linger) / cycle;
    };
  }

  // Freezing

  private ClusterLayout freeze() {
    List<Lane> frozenLanes = new ArrayList<>(lanes.size());
    int[] laneCountOfNode = new int[nodes.size()];
    long listedSpan = 0;
    for (LaneDraft draft : lanes) {
      for (int node : draft.nodes) {
        laneCountOfNode[node]++;
      }
      Lane lane = new Lane(draft, hostlist(draft.nodes));
      frozenLanes.add(lane);
      long cycles = lane.kind == LaneKind.ARRAY ? CycleJob.ARRAY_CYCLES : 1;
      listedSpan = Math.max(listedSpan, lane.maxLeadSeconds + cycles * lane.cycleSeconds);
    }
    listedSpan += CycleJob.MAX_COMPLETING_SECONDS + CycleJob.LINGER_SECONDS;

    int[][] lanesOfNode = new int[nodes.size()][];
    for (int node = 0; node < lanesOfNode.length; node++) {
      lanesOfNode[node] = new int[laneCountOfNode[node]];
      laneCountOfNode[node] = 0;
    }
    for (LaneDraft draft : lanes) {
      for (int node : draft.nodes) {
        lanesOfNode[node][laneCountOfNode[node]++] = draft.index;
      }
    }

    List<SimNode> frozenNodes = new ArrayList<>(nodes.size());
    for (NodeDraft node : nodes) {
      frozenNodes.add(
          new SimNode(
              node.index,
              node.name,
              node.kind,
              node.role,
              node.kind.partitions(node.role),
              node.reason,
              lanesOfNode[node.index]));
    }
    JobIds jobIds = new JobIds(frozenLanes.size(), listedSpan);
    return new ClusterLayout(
        List.copyOf(frozenNodes), List.copyOf(frozenLanes), partitions(frozenNodes), jobIds);
  }

  private String hostlist(int[] members) {
    if (members.length == 1) {
      return nodes.get(members[0]).name;
    }
    List<String> names = new ArrayList<>(members.length);
    for (int node : members) {
      names.add(nodes.get(node).name);
    }
    return Hostlists.compress(names);
  }

  private static List<Partition> partitions(List<SimNode> nodes) {
    List<Partition> partitions = new ArrayList<>();
    for (String name : PARTITION_ORDER) {
      List<String> names = new ArrayList<>();
      int cpus = 0;
      for (SimNode node : nodes) {
        if (node.partitions().contains(name)) {
          names.add(node.name());
          cpus += node.cpus();
        }
      }
      if (!names.isEmpty()) {
        partitions.add(
            new Partition(
                name,
                name.equals("cpu"),
                "UP",
                Hostlists.compress(names),
                names.size(),
                cpus,
                TimeLimit.ofMinutes(maxTimeMinutes(name))));
      }
    }
    return List.copyOf(partitions);
  }

  /** Returns a partition's {@code MaxTime}: two days for cpu, one for gpu, three for bigmem. */
  private static long maxTimeMinutes(String partition) {
    return switch (partition) {
      case "gpu" -> 1440;
      case "bigmem" -> 4320;
      case "debug" -> 30;
      default -> 2880;
    };
  }

  // Helpers

  private int[] pick(int[][] choices) {
    return choices[random.nextInt(choices.length)];
  }

  private <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      Collections.swap(list, i, random.nextInt(i + 1));
    }
  }

  private static int atLeastOne(double count) {
    return Math.max(1, (int) Math.round(count));
  }

  private static int digits(int count) {
    return Integer.toString(count).length();
  }

  /** A node while the layout is being built. */
  private static final class NodeDraft {
    final int index;
    final String name;
    final NodeKind kind;
    NodeRole role = NodeRole.NORMAL;
    String reason;
    boolean laidOut;

    NodeDraft(int index, String name, NodeKind kind) {
      this.index = index;
      this.name = name;
      this.kind = kind;
    }
  }
}
