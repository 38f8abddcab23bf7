/** What `pnpm bench --help` prints. */
export const usage = `Usage: pnpm bench [--quick] [--events N] [--seconds S] [--rounds R] [--connections C] [--split-cpus] [--gc] [--record]
       pnpm bench --cluster [--events N] [--seconds S] [--connections C]
       pnpm bench --change-log [--entries N] [--seconds S] [--batch B]

  --quick        20 000 events, 4 s per operation, one round: done in under two minutes
  --events N     synthetic training events to load (default 100 000)
  --seconds S    seconds of load per operation, over all rounds (default 15)
  --rounds R     rounds, each taking every operation in turn (default 3)
  --connections  concurrent connections (default 8)
  --split-cpus   hold PostgreSQL and the load generator on the first CPU and the API and the
                 floor on the others (with taskset), to see the API with a CPU of its own; the
                 floor, whose cost is PostgreSQL's, loses half its rate there. Not recorded in
                 docs/performance.md
  --gc           trace the API's garbage collections (node --trace-gc-nvp) and report, for
                 each operation, the kB it allocated per request, the kB per request its
                 young-generation collections promoted to the old generation, and its full
                 collections per 1000 requests; not recorded in docs/performance.md
  --record       keep the run in apps/bench/results/ and, for a full run of 100 000 or
                 1 000 000 events, its table in docs/performance.md
  --cluster      measure the cluster of \`pnpm cluster up\` through its load balancer instead:
                 nested-50 with two API replicas and with one, and writes per second with the
                 replica's lag (needs Debian's postgresql, redis-server and haproxy)
  --change-log   compact a change log of N changes older than the horizon (--entries, default
                 1 000 000) on PostgreSQL, and a writer's latency alone (for S seconds, default
                 10) and while it runs, removing B changes a transaction (--batch, default 2000)
  --help         show this help

Without --record, the results go to apps/bench/.results/ (not tracked), so a run leaves the
working tree as it found it.`;
