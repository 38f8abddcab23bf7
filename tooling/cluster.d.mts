// Types of cluster.mjs, for the tests and the benchmark that start a cluster.

export interface PostgresNode {
  name: string;
  port: number;
  restPort: number;
  etcdPort: number;
  data: string;
  patroniPid: number | undefined;
}

export interface Cluster {
  dir: string;
  pgDir: string;
  programs: Record<'pg' | 'redis' | 'haproxy' | 'patroni' | 'etcd' | 'pgbackrest', string> & {
    missing: string[];
  };
  ports: {
    lb: number;
    apis: number[];
    write: number;
    read: number;
    etcd: number;
    redis: number;
    restore: number;
  };
  lb: { port: number; pid: number | undefined };
  etcd: { port: number; peerPort: number; pid: number | undefined };
  nodes: PostgresNode[];
  backup: { repo: string };
  restored: string[];
  redis: { port: number; pidFile: string };
  apis: Array<{ name: string; port: number; pid: number | undefined }>;
  /** `primary` reaches the leader and `replica` the replicas, through HAProxy. */
  urls: { lb: string; primary: string; replica: string; redis: string };
}

export interface Member {
  name: string;
  role: 'leader' | 'sync_standby' | 'replica';
  state: string;
  port: number;
  timeline: number;
  lag?: number | 'unknown';
}

export interface ChaosResult {
  kind: string;
  round: number;
  from: string;
  to: string;
  acknowledged: number;
  writesWaitedMs: number;
  recoveredAfterMs: number;
  lost: number;
  duplicates: number;
  rejoinedAfterMs: number | null;
  reads: number;
  readsFailed: number;
  errors: Record<string, number>;
}

export function findPrograms(): {
  pg: string | undefined;
  redis: string | undefined;
  haproxy: string | undefined;
  patroni: string | undefined;
  etcd: string | undefined;
  pgbackrest: string | undefined;
  missing: string[];
};
export function up(options?: {
  dir?: string;
  port?: number;
  apiEnv?: Record<string, string>;
  log?: (line: string) => void;
}): Promise<Cluster>;
export function down(options?: { dir?: string; log?: (line: string) => void }): Promise<void>;
export function readCluster(dir?: string): Cluster | undefined;
export function startRedis(cluster: Cluster): Promise<void>;
export function stopRedis(cluster: Cluster): Promise<void>;
export function startApi(cluster: Cluster, index: number): Promise<void>;
export function members(cluster: Cluster): Promise<Member[]>;
export function leader(cluster: Cluster): Promise<PostgresNode | undefined>;
export function waitHealthy(cluster: Cluster, timeoutMs?: number): Promise<void>;
export function postmasterPid(node: PostgresNode): number | undefined;
export function startPatroni(cluster: Cluster, index: number): void;
export function stopPatroni(
  cluster: Cluster,
  index: number,
  signal?: NodeJS.Signals,
): Promise<void>;
export function switchover(
  cluster: Cluster,
  log?: (line: string) => void,
): Promise<{ from: string; to: string | undefined }>;
export function haproxyView(
  cluster: Cluster,
): Promise<Array<{ port: string; server: string; status: string }>>;
export function cutFromEtcd(cluster: Cluster, node: PostgresNode, cut?: boolean): Promise<void>;
export function chaos(
  cluster: Cluster,
  options?: { rounds?: number; kinds?: string[]; log?: (line: string) => void },
): Promise<ChaosResult[]>;
export function printChaos(results: ChaosResult[], print?: (line: string) => void): void;
export function backup(
  cluster: Cluster,
  type?: 'full' | 'incr',
): Array<{ label: string; type: string; start: string; stop: string }>;
export function info(
  cluster: Cluster,
): Array<{ label: string; type: string; start: string; stop: string }>;
export function restore(
  cluster: Cluster,
  time: string,
  options: { port: number; name?: string },
): Promise<{ data: string; port: number; url: string }>;
export function stopRestored(cluster: Cluster, data: string): void;
