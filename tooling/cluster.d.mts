// Types of cluster.mjs, for the tests and the benchmark that start a cluster.

export interface Cluster {
  dir: string;
  pgDir: string;
  programs: { pg: string; redis: string; haproxy: string; missing: string[] };
  lb: { port: number; pid: number | undefined };
  postgres: Record<'primary' | 'replica', { port: number; data: string }>;
  redis: { port: number; pidFile: string };
  apis: Array<{ name: string; port: number; pid: number | undefined }>;
  urls: { lb: string; primary: string; replica: string; redis: string };
}

export function findPrograms(): {
  pg: string | undefined;
  redis: string | undefined;
  haproxy: string | undefined;
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
export function startPostgres(cluster: Cluster, which: 'primary' | 'replica'): void;
export function stopPostgres(
  cluster: Cluster,
  which: 'primary' | 'replica',
  mode?: 'fast' | 'immediate',
): void;
export function startRedis(cluster: Cluster): Promise<void>;
export function stopRedis(cluster: Cluster): Promise<void>;
export function startApi(cluster: Cluster, index: number): Promise<void>;
