#!/usr/bin/env node
// Prints the schema (SDL, sorted) to the path given or to standard output. The program is
// compiled to dist/ by `pnpm build`; this file exists at install time so the command is linked.
import '../dist/cli/print-schema.js';
