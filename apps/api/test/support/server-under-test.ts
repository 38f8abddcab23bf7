import { createToken } from '@mch/domain';
import { registerServer } from '@mch/test-api';
import type { Config } from '../../src/config.js';
import { loadConfig } from '../../src/config.js';
import { createObservability, type Observability } from '../../src/observability.js';
import { startServer } from '../../src/server.js';

// The server the harness starts in every test file of the API's projects, the domain's tests
// among them (the harness does not import the API: see packages/test-api/README.md).

declare module '@mch/test-api' {
  // The API's tests may override any setting, and read the logger and metrics.
  interface ServerSettings extends Config {}
  interface ServerObservability extends Observability {}
}

registerServer({ loadConfig, createObservability, startServer, createToken });
