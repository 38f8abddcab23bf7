import { ConfigError } from '../config.js';
import { changesCommand } from './changes.js';
import { type Command, dispatch } from './command.js';
import { csvCommand } from './csv.js';
import { embeddedCommands } from './embedded.js';
import { ghoCommand } from './gho.js';
import { iatiCommand } from './iati.js';
import { tokenCommand } from './token.js';

/** `pnpm mch <command>`: the project's command-line tool. `pnpm mch --help` lists its commands. */
const mch: Command = {
  name: '',
  summary: 'the command-line tool of the MCH Cooperation Graph.',
  subcommands: [
    tokenCommand,
    iatiCommand,
    ghoCommand,
    csvCommand,
    changesCommand,
    ...embeddedCommands,
  ],
};

dispatch(mch, process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? `Configuration error: ${error.message}`
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error),
    );
    process.exit(1);
  },
);
